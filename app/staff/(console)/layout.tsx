// The staff console's frame: header, navigation (only what the signed-in role may use) and main.
// Each page still checks its own permission; hiding a link is a courtesy, not protection.
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { lookupStaff } from "@/lib/auth/staff-access";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { STAFF_NAV } from "@/lib/auth/staff-routes";
import { StaffNav } from "@/components/staff/staff-nav";
import { Button } from "@/components/ui/button";
import { signOutAction } from "@/app/staff/actions";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const lookup = await lookupStaff();
  if (!lookup.ok) redirect(`/staff/login?reason=${lookup.reason === "IDLE" ? "idle" : lookup.reason === "ENDED" ? "ended" : "signin"}`);
  const staff = lookup.staff;
  const municipality = await db.municipality.findUnique({ where: { id: 1 }, select: { name: true } });
  const items = STAFF_NAV.filter((item) => staff.can(item.permission)).map((item) => ({ href: item.path, label: item.nav }));
  return (
    <div className="min-h-dvh bg-solid-gray-50">
      <a href="#main" className="skip-link">
        本文へ移動
      </a>
      <header className="border-b border-solid-gray-420 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-6 py-3">
          <p className="text-std-18B-160 text-solid-gray-900">
            Kairan <span className="text-dns-16N-130 text-solid-gray-600">職員コンソール{municipality ? `｜${municipality.name}` : ""}</span>
          </p>
          <div className="flex flex-wrap items-center gap-4">
            <p className="text-dns-16N-130">
              <span className="font-bold">{staff.name}</span>
              <span className="ml-2 text-solid-gray-600">（{staff.roles.map((role) => ROLE_LABELS[role]).join("・")}）</span>
            </p>
            <form action={signOutAction}>
              <Button type="submit" variant="secondary" size="sm">
                ログアウト
              </Button>
            </form>
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl flex-col gap-6 px-6 py-6 md:flex-row">
        <aside className="md:w-56 md:shrink-0">
          <StaffNav items={items} />
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 rounded-12 bg-white p-6 shadow-1 outline-none md:p-8">
          {children}
        </main>
      </div>
    </div>
  );
}
