// Walks the whole permission table against the running production build: for every role, every
// staff page, route and server action it lacks is refused by the server (403), including a direct
// POST of the action; the ones it has are served. Pages and actions come from Next's build
// manifests, so one that is missing from lib/auth/staff-routes.ts, or forgets its requireStaff()
// check, fails here.
import { test, expect } from "../support/fixtures.ts";
import { builtRoutes, builtServerActions } from "../support/manifests.ts";
import { postServerAction, signedInRequest } from "../support/http-session.ts";
import { PUBLIC_STAFF_PAGES, STAFF_ACTIONS, STAFF_PAGES } from "../../lib/auth/staff-routes.ts";
import { ROLES, ROLE_PERMISSIONS } from "../../lib/auth/permissions.ts";
import { DEMO_STAFF } from "../../lib/demo/demo-city.ts";

const staffRoutes = builtRoutes().filter((r) => r.path === "/staff" || r.path.startsWith("/staff/"));
const staffActions = builtServerActions().filter((a) => a.filename.startsWith("app/staff/"));

test.describe("[PERMISSIONS] the permission table is enforced on the server", () => {
  test("every staff page, route and action of the build is in the table, and nothing in the table is missing", () => {
    const declared = new Set([...STAFF_PAGES.map((p) => p.path), ...PUBLIC_STAFF_PAGES]);
    const built = new Set(staffRoutes.map((r) => r.path));
    expect([...built].filter((p) => !declared.has(p)), "pages/routes not in lib/auth/staff-routes.ts").toEqual([]);
    expect([...declared].filter((p) => !built.has(p)), "declared pages that the build does not have").toEqual([]);
    expect(staffActions.length).toBeGreaterThan(0);
    expect(staffActions.map((a) => a.exportedName).filter((name) => !(name in STAFF_ACTIONS)), "actions not in STAFF_ACTIONS").toEqual([]);
    expect(Object.keys(STAFF_ACTIONS).filter((name) => !staffActions.some((a) => a.exportedName === name)), "declared actions the build does not have").toEqual([]);
  });

  test("without a session, every staff page and action sends the visitor to the login page", async ({ baseURL }) => {
    const anonymous = await signedInRequest(baseURL!);
    for (const route of staffRoutes) {
      if (PUBLIC_STAFF_PAGES.includes(route.path)) continue;
      const response = await anonymous.get(route.path.replace("[id]", "00000000-0000-4000-8000-000000000000"));
      expect([302, 303, 307], `${route.path} without a session`).toContain(response.status());
      expect(response.headers().location, route.path).toContain("/staff/login");
    }
    for (const action of staffActions) {
      const response = await postServerAction(anonymous, baseURL!, action.pages[0]!, action.id);
      expect(response.status(), `${action.exportedName} without a session`).not.toBe(200);
      expect(response.status(), `${action.exportedName} without a session`).toBeLessThan(500);
    }
  });

  for (const role of ROLES) {
    test(`${role}: pages, routes and actions outside the role are refused; the rest are served`, async ({ baseURL, db }) => {
      const account = DEMO_STAFF.find((s) => s.roles.length === 1 && s.roles[0] === role)!;
      const session = await signedInRequest(baseURL!, account);
      const someStaffId = (await db.staff.findFirstOrThrow({ where: { email: { not: account.email } } })).id;
      const held = new Set(ROLE_PERMISSIONS[role]);

      for (const page of STAFF_PAGES) {
        const response = await session.get(page.path.replace("[id]", someStaffId));
        const expected = held.has(page.permission) ? 200 : 403;
        expect(response.status(), `${role} ${page.kind ?? "page"} ${page.path} (${page.permission})`).toBe(expected);
      }

      for (const action of staffActions) {
        const permission = STAFF_ACTIONS[action.exportedName]!;
        if (permission === "signed-in") continue; // signing out is open to every signed-in staff member
        const response = await postServerAction(session, baseURL!, action.pages[0]!, action.id);
        if (held.has(permission)) {
          expect(response.status(), `${role} may call ${action.exportedName}`).toBe(200);
        } else {
          expect(response.status(), `${role} calls ${action.exportedName} directly (${permission})`).toBe(403);
        }
      }
      await session.dispose();
    });
  }
});
