// Test factories with keyword defaults and random suffixes.
import { randomBytes } from "node:crypto";
import type { Db } from "../../lib/db.ts";
import type { StaffRole } from "../../generated/prisma/enums.ts";
import { hashPassword } from "../../lib/auth/password.ts";

export const TEST_PASSWORD = "correct-horse-battery-staple";
let cachedHash: Promise<string> | undefined;

export function suffix(): string {
  return randomBytes(4).toString("hex");
}

export async function seedStaff(
  db: Db,
  options: { roles?: StaffRole[]; email?: string; name?: string; active?: boolean; departmentIds?: string[]; mustChangePassword?: boolean } = {},
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const s = suffix();
  return db.staff.create({
    data: {
      email: options.email ?? `staff-${s}@test.example.jp`,
      name: options.name ?? `テスト 職員${s}`,
      roles: options.roles ?? ["EDITOR"],
      active: options.active ?? true,
      mustChangePassword: options.mustChangePassword ?? false,
      passwordHash: await cachedHash,
      departments: { create: (options.departmentIds ?? []).map((departmentId) => ({ departmentId })) },
    },
  });
}

export async function seedDepartment(db: Db, options: { name?: string } = {}) {
  const s = suffix();
  return db.department.create({ data: { code: `dept-${s}`, name: options.name ?? `テスト課${s}` } });
}

export async function seedResident(db: Db, options: { followStatus?: "FOLLOWING" | "BLOCKED"; registered?: boolean; districtId?: number } = {}) {
  return db.resident.create({
    data: {
      lineUserId: `U${randomBytes(16).toString("hex")}`,
      displayName: `テスト 住民${suffix()}`,
      followStatus: options.followStatus ?? "FOLLOWING",
      followedAt: new Date(),
      registeredAt: options.registered ? new Date() : null,
      districtId: options.districtId ?? null,
    },
  });
}
