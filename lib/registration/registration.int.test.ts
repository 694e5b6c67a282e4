import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/scripts/test/db";
import { seedDemoCity } from "@/lib/seed/seed-demo-city";
import { getRegistration, saveRegistration, withdrawRegistration } from "@/lib/registration/registration";
import { TERMS_VERSION } from "@/lib/registration/terms";
import { issueTesterLinkCode, linkTesterAccount } from "@/lib/broadcasts/testers";
import { seedStaff } from "@/scripts/test/factories";

const t = useTestDatabase();
const lineUserId = `U${"1234abcd".repeat(4)}`;

describe("[LIFF] registration", () => {
  it("registers with consent (creating the resident if the follow has not arrived yet), re-consents on new terms, withdraws", async () => {
    await seedDemoCity(t.db, t.url, { residents: 50 });
    const [home, work] = await t.db.district.findMany({ take: 2, orderBy: { sortOrder: "asc" } });
    const input = {
      consentVersion: TERMS_VERSION,
      districtId: home!.id,
      birth: "1985-03",
      gender: null,
      language: "vi" as const,
      topics: ["bousai" as const],
      disasterCategories: ["hinan" as const, "jishin" as const],
      disasterDistrictIds: [home!.id, work!.id],
      children: ["2022-10", "2019-01"],
      due: null,
    };
    await expect(saveRegistration(t.db, { lineUserId, displayName: "Nguyen", input: { ...input, consentVersion: "1999-01-01" } })).rejects.toThrow(/同意/);
    await expect(saveRegistration(t.db, { lineUserId, displayName: "Nguyen", input: { ...input, districtId: 999_999 } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const saved = await saveRegistration(t.db, { lineUserId, displayName: "Nguyen", input });
    expect(saved).toMatchObject({ firstTime: true, languageChanged: true });
    const resident = await t.db.resident.findUniqueOrThrow({ where: { lineUserId } });
    expect(resident).toMatchObject({ followStatus: "FOLLOWING", districtId: home!.id, birthYear: 1985, birthMonth: 3, preferredLanguage: "vi", consentVersion: TERMS_VERSION, childBirthMonths: [2019 * 12, 2022 * 12 + 9] });
    const view = await getRegistration(t.db, lineUserId);
    expect(view).toMatchObject({ registered: true, needsConsent: false, values: { children: ["2019-01", "2022-10"], language: "vi" } });

    await t.db.resident.update({ where: { lineUserId }, data: { consentVersion: "2020-01-01" } });
    expect((await getRegistration(t.db, lineUserId)).needsConsent).toBe(true);

    expect(await withdrawRegistration(t.db, { lineUserId })).toEqual({ residentId: resident.id });
    expect(await t.db.resident.findUniqueOrThrow({ where: { lineUserId } })).toMatchObject({ registeredAt: null, districtId: null, topics: [], childBirthMonths: [], consentVersion: null, followStatus: "FOLLOWING" });
    expect(await withdrawRegistration(t.db, { lineUserId })).toBeNull();
    const audit = await t.db.auditLog.findMany({ where: { targetId: resident.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["registration.register", "registration.withdraw"]);
    // What changed is recorded, never the values.
    expect(JSON.stringify(audit[0]!.summary)).not.toMatch(/1985|vi"/);
  });
});

describe("[BROADCASTS] tester accounts", () => {
  it("a one-time code links the LINE account that opened it; codes are single use and expire", async () => {
    const staff = await seedStaff(t.db, { roles: ["EDITOR"] });
    const actor = { id: staff.id, label: staff.name };
    const now = new Date("2026-12-01T00:00:00Z");
    const { code, liffUrl } = await issueTesterLinkCode(t.db, { actor, now });
    expect(liffUrl).toContain(`/tester?code=${code}`);
    expect((await t.db.staffLineTester.findUniqueOrThrow({ where: { staffId: staff.id } })).linkCodeHash).not.toContain(code);
    await expect(linkTesterAccount(t.db, { code, lineUserId, displayName: "職員の LINE", now: new Date(now.getTime() + 16 * 60_000) })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await linkTesterAccount(t.db, { code: code.toLowerCase(), lineUserId, displayName: "職員の LINE", now })).toEqual({ staffName: staff.name });
    await expect(linkTesterAccount(t.db, { code, lineUserId: `U${"f".repeat(32)}`, displayName: null, now })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await t.db.staffLineTester.findUniqueOrThrow({ where: { staffId: staff.id } })).toMatchObject({ lineUserId, linkCodeHash: null });
  });
});
