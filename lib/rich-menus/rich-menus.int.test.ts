// Rich menus against the emulator: publish (menu, image), links per resident (registration,
// language, blocked), relinking everyone in bulk, the disaster switch and back, retire.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/scripts/test/db";
import { seedResident, seedStaff } from "@/scripts/test/factories";
import { startChatHarness, type ChatHarness } from "@/lib/webhook/testing/harness";
import { staffLabel } from "@/lib/auth/sessions";
import { bumpRelinkVersion, publishRichMenu, retireRichMenu, saveRichMenu, setDefaultRichMenu, switchDisasterMode, RichMenuInputError, type SaveRichMenuInput } from "@/lib/rich-menus/manage";
import { relinkAllResidents } from "@/lib/rich-menus/relink";
import { refreshResidentRichMenu } from "@/lib/rich-menus/refresh-resident-menu";

const t = useTestDatabase();
let h: ChatHarness;
let actor: Awaited<ReturnType<typeof seedStaff>> & { label: string };

beforeAll(async () => {
  h = await startChatHarness(t.db, t.url, { friends: 0 });
  const staff = await seedStaff(t.db);
  actor = { ...staff, label: staffLabel(staff) };
});
afterAll(async () => {
  await h?.close();
});

function input(overrides: Partial<SaveRichMenuInput> = {}): SaveRichMenuInput {
  return {
    name: "テスト",
    chatBarText: "メニュー",
    audience: "UNREGISTERED",
    language: null,
    size: "compact",
    layout: "compact-2",
    areas: [
      { label: "ごみの日", kind: "message", value: "ごみの日" },
      { label: "相談する", kind: "postback", value: "action=contact" },
    ],
    ...overrides,
  };
}

async function menuOf(userId: string): Promise<string | null> {
  return (await h.emulator.admin("GET", `/residents/${userId}/richmenu`)).json.richMenu?.name ?? null;
}

async function friend(options: { registered?: boolean; language?: string } = {}) {
  const userId = await h.resident(`住民 ${Math.random().toString(36).slice(2, 6)}`, { follow: false });
  const resident = await t.db.resident.create({ data: { lineUserId: userId, followedAt: new Date(), registeredAt: options.registered ? new Date() : null, preferredLanguage: options.language ?? "ja" } });
  return { userId, resident };
}

describe("[RICH MENUS] publishing and linking", () => {
  it("checks layout and image: a template draws its image, free areas need an image and must fit", async () => {
    const saved = await saveRichMenu(t.db, { input: input(), image: null, actor });
    const stored = await t.db.richMenu.findUniqueOrThrow({ where: { id: saved.id } });
    expect([stored.width, stored.height, stored.imageContentType]).toEqual([2500, 843, "image/png"]);
    await expect(saveRichMenu(t.db, { input: input({ layout: "free", areas: [{ label: "a", kind: "message", value: "a", x: 0, y: 0, width: 100, height: 100 }] }), image: null, actor })).rejects.toBeInstanceOf(RichMenuInputError);
    await expect(saveRichMenu(t.db, { input: input({ layout: "large-6" }), image: null, actor })).rejects.toThrow(/大きさに合った/);
    await expect(saveRichMenu(t.db, { input: input(), image: new Uint8Array([1, 2, 3]), actor })).rejects.toThrow(/PNG か JPEG/);
  });

  it("publishes to LINE and links each resident the menu that fits them; blocked residents are skipped", async () => {
    const unregistered = await saveRichMenu(t.db, { input: input({ name: "未登録向け" }), image: null, actor });
    const registered = await saveRichMenu(t.db, { input: input({ name: "登録済み向け", audience: "REGISTERED" }), image: null, actor });
    const english = await saveRichMenu(t.db, { input: input({ name: "Registered (English)", audience: "REGISTERED", language: "en" }), image: null, actor });
    for (const menu of [unregistered, registered, english]) await publishRichMenu(t.db, { id: menu.id, actor });
    await expect(publishRichMenu(t.db, { id: english.id, actor })).rejects.toThrow(/すでに公開/);
    const lineMenus = (await h.emulator.api("GET", "/v2/bot/richmenu/list")).json.richmenus.map((m: { name: string }) => m.name);
    expect(lineMenus).toEqual(expect.arrayContaining(["未登録向け", "登録済み向け", "Registered (English)"]));

    const a = await friend();
    const b = await friend({ registered: true });
    const c = await friend({ registered: true, language: "en" });
    expect(await refreshResidentRichMenu(t.db, { residentId: a.resident.id })).toMatchObject({ status: "linked" });
    await refreshResidentRichMenu(t.db, { residentId: b.resident.id });
    await refreshResidentRichMenu(t.db, { residentId: c.resident.id });
    expect([await menuOf(a.userId), await menuOf(b.userId), await menuOf(c.userId)]).toEqual(["未登録向け", "登録済み向け", "Registered (English)"]);
    await t.db.resident.update({ where: { id: a.resident.id }, data: { followStatus: "BLOCKED" } });
    expect(await refreshResidentRichMenu(t.db, { residentId: a.resident.id })).toEqual({ status: "skipped", reason: "blocked" });

    await setDefaultRichMenu(t.db, { id: unregistered.id, actor });
    expect((await h.emulator.api("GET", "/v2/bot/user/all/richmenu")).json.richMenuId).toBeTruthy();
  });

  it("disaster mode relinks every friend in bulk and restores each one's menu; retiring a menu moves its residents on", async () => {
    const friends = await Promise.all([friend(), friend({ registered: true }), friend({ registered: true, language: "en" })]);
    const disaster = await saveRichMenu(t.db, { input: input({ name: "災害用", audience: "DISASTER" }), image: null, actor });
    await expect(switchDisasterMode(t.db, { on: true, actor })).rejects.toThrow(/災害モード用メニューがありません/);
    await publishRichMenu(t.db, { id: disaster.id, actor });

    const { version } = await switchDisasterMode(t.db, { on: true, actor });
    const on = await relinkAllResidents(t.db, { version });
    expect(on.status).toBe("done");
    for (const f of friends) expect(await menuOf(f.userId)).toBe("災害用");
    expect(await t.db.auditLog.count({ where: { action: "rich-menus.disaster-mode-on" } })).toBe(1);

    const off = await switchDisasterMode(t.db, { on: false, actor });
    expect(await relinkAllResidents(t.db, { version: version })).toMatchObject({ status: "superseded" }); // an older run stops
    await relinkAllResidents(t.db, { version: off.version });
    expect(await Promise.all(friends.map((f) => menuOf(f.userId)))).toEqual(["未登録向け", "登録済み向け", "Registered (English)"]);
    // A second run has nothing left to do.
    expect(await relinkAllResidents(t.db, { version: off.version })).toMatchObject({ status: "done", linked: 0 });

    const english = await t.db.richMenu.findFirstOrThrow({ where: { name: "Registered (English)" } });
    await retireRichMenu(t.db, { id: english.id, actor });
    await relinkAllResidents(t.db, { version: await bumpRelinkVersion(t.db) });
    expect(await menuOf(friends[2]!.userId)).toBe("登録済み向け");
  });
});
