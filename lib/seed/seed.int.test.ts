import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/scripts/test/db";
import { seedDemoCity } from "@/lib/seed/seed-demo-city";
import { seedResidents } from "@/lib/seed/seed-residents";
import { DEMO_DISTRICTS, DEMO_STAFF } from "@/lib/demo/demo-city";
import { DEMO_RESIDENT_COUNT, isSyntheticResidentBlocked } from "@/lib/demo/constants";
import { syntheticDisplayName, syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { ROLES } from "@/lib/auth/permissions";
import { verifyPassword } from "@/lib/auth/password";
import { migrateDatabase } from "@/lib/db/migrate";

const t = useTestDatabase();

describe("demo city", () => {
  it("seeds みどり市 once: districts, school districts, one login per role, residents the emulator knows", async () => {
    const first = await seedDemoCity(t.db, t.url);
    expect(first).toEqual({ seeded: true, residents: DEMO_RESIDENT_COUNT });
    expect(await seedDemoCity(t.db, t.url)).toEqual({ seeded: false, residents: 0 });

    expect(await t.db.district.count()).toBe(DEMO_DISTRICTS.length);
    expect(DEMO_DISTRICTS.length).toBe(30);
    expect(await t.db.schoolDistrict.count()).toBe(6);
    const staff = await t.db.staff.findMany();
    expect(new Set(staff.flatMap((s) => s.roles))).toEqual(new Set(ROLES));
    for (const demo of DEMO_STAFF) {
      const row = staff.find((s) => s.email === demo.email)!;
      expect(await verifyPassword(row.passwordHash, demo.password)).toBe(true);
    }

    expect(await t.db.resident.count()).toBe(DEMO_RESIDENT_COUNT);
    for (const n of [1, 37, 500, DEMO_RESIDENT_COUNT]) {
      const resident = await t.db.resident.findUniqueOrThrow({ where: { lineUserId: syntheticLineUserId(n) } });
      expect(resident.displayName).toBe(syntheticDisplayName(n));
      expect(resident.followStatus).toBe(isSyntheticResidentBlocked(n) ? "BLOCKED" : "FOLLOWING");
    }
    const blocked = await t.db.resident.count({ where: { followStatus: "BLOCKED" } });
    expect(blocked).toBe(Array.from({ length: DEMO_RESIDENT_COUNT }, (_, i) => i + 1).filter(isSyntheticResidentBlocked).length);
    expect(await t.db.resident.count({ where: { registeredAt: null, districtId: { not: null } } })).toBe(0);
    expect(await t.db.broadcast.count({ where: { status: "PENDING_APPROVAL" } })).toBeGreaterThan(0);
    expect(await t.db.application.count()).toBeGreaterThan(0);
  });

  it("tops the residents up to N with `seed --residents N` and is idempotent", async () => {
    const result = await seedResidents(t.url, { count: 5000, chunkSize: 1500 });
    expect(result.requested).toBe(5000);
    expect(result.inserted).toBe(5000 - DEMO_RESIDENT_COUNT);
    expect(await t.db.resident.count()).toBe(5000);
    expect((await seedResidents(t.url, { count: 5000 })).inserted).toBe(0);
    expect(await t.db.resident.findUnique({ where: { lineUserId: syntheticLineUserId(4321) } })).not.toBeNull();
  });

  it("applies migrations once (a second run applies nothing)", async () => {
    expect(await migrateDatabase(t.url)).toMatchObject({ applied: [] });
  });
});
