// The demo city (みどり市): municipality, school districts and 町丁目, departments, one staff account
// per role, the demo residents (the LINE emulator's friends), and a few broadcasts and applications
// so every screen has something to show. Runs once: it does nothing if the municipality exists.
import type { Db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { writeAudit, SYSTEM_ACTOR } from "@/lib/audit/write-audit";
import { DEMO_DEPARTMENTS, DEMO_DISTRICTS, DEMO_MUNICIPALITY, DEMO_SCHOOL_DISTRICTS, DEMO_STAFF } from "@/lib/demo/demo-city";
import { DEMO_RESIDENT_COUNT } from "@/lib/demo/constants";
import { syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { seedResidents } from "@/lib/seed/seed-residents";
import { seedDemoChat } from "@/lib/seed/seed-demo-chat";
import { seedDemoGarbageAndNurseries } from "@/lib/seed/seed-demo-garbage-nursery";
import { seedDemoBroadcasts } from "@/lib/seed/seed-demo-broadcasts";

export type SeedDemoCityResult = { seeded: boolean; residents: number };

export async function seedDemoCity(db: Db, connectionString: string, options: { residents?: number } = {}): Promise<SeedDemoCityResult> {
  if (await db.municipality.findUnique({ where: { id: 1 } })) return { seeded: false, residents: 0 };

  const passwordHashes = await Promise.all(DEMO_STAFF.map((staff) => hashPassword(staff.password)));

  await db.$transaction(async (tx) => {
    await tx.municipality.create({ data: { id: 1, ...DEMO_MUNICIPALITY } });
    for (const [i, school] of DEMO_SCHOOL_DISTRICTS.entries()) {
      await tx.schoolDistrict.create({ data: { ...school, sortOrder: i } });
    }
    const schools = new Map((await tx.schoolDistrict.findMany()).map((s) => [s.code, s.id]));
    await tx.district.createMany({
      data: DEMO_DISTRICTS.map((d, i) => ({ code: d.code, name: d.name, kana: d.kana, schoolDistrictId: schools.get(d.school)!, sortOrder: i })),
    });
    await tx.department.createMany({ data: DEMO_DEPARTMENTS.map((d) => ({ code: d.code, name: d.name })) });
    const departments = new Map((await tx.department.findMany()).map((d) => [d.code, d.id]));
    for (const [i, staff] of DEMO_STAFF.entries()) {
      await tx.staff.create({
        data: {
          email: staff.email,
          name: staff.name,
          roles: staff.roles,
          passwordHash: passwordHashes[i]!,
          departments: { create: staff.departments.map((code) => ({ departmentId: departments.get(code)! })) },
        },
      });
    }
    await writeAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: "seed.demo-city",
      target: { type: "city", id: DEMO_MUNICIPALITY.localGovCode },
      summary: { municipality: DEMO_MUNICIPALITY.name, districts: DEMO_DISTRICTS.length, staff: DEMO_STAFF.length },
    });
  });

  const residentCount = options.residents ?? DEMO_RESIDENT_COUNT;
  await seedResidents(connectionString, { count: residentCount, parallel: 1 });
  await seedDemoWork(db);
  await seedDemoChat(db);
  await seedDemoGarbageAndNurseries(db);
  await seedDemoBroadcasts(db);
  return { seeded: true, residents: residentCount };
}

/** A few broadcasts and applications in different states. */
async function seedDemoWork(db: Db): Promise<void> {
  const staff = new Map((await db.staff.findMany()).map((s) => [s.email, s.id]));
  const editor = staff.get("editor@city-midori.example.jp")!;
  const approver = staff.get("approver@city-midori.example.jp")!;
  const day = 86_400_000;
  const now = Date.now();
  await db.broadcast.createMany({
    data: [
      { title: "年末年始のごみ収集日程のお知らせ", status: "PENDING_APPROVAL", createdById: editor, submittedAt: new Date(now - 2 * 3_600_000) },
      { title: "インフルエンザ予防接種の助成について", status: "PENDING_APPROVAL", createdById: editor, submittedAt: new Date(now - day) },
      { title: "みどり市民まつり開催のご案内", status: "SENT", createdById: editor, approvedById: approver, submittedAt: new Date(now - 9 * day), approvedAt: new Date(now - 8 * day) },
      { title: "図書館の臨時休館について（下書き）", status: "DRAFT", createdById: editor },
    ],
  });

  const departments = new Map((await db.department.findMany()).map((d) => [d.code, d.id]));
  const residents = await db.resident.findMany({
    where: { lineUserId: { in: [1, 2, 3, 4, 5, 6, 7, 8].map(syntheticLineUserId) } },
    select: { id: true },
  });
  const forms = [
    { formTitle: "児童手当 認定請求", department: "kosodate", status: "SUBMITTED" },
    { formTitle: "保育所等 入所申込", department: "kosodate", status: "IN_REVIEW" },
    { formTitle: "一時預かり事業 利用申込", department: "kosodate", status: "SUBMITTED" },
    { formTitle: "住民票の写し 郵送請求", department: "shimin", status: "SUBMITTED" },
    { formTitle: "印鑑登録証明書 郵送請求", department: "shimin", status: "APPROVED" },
    { formTitle: "粗大ごみ 収集申込", department: "kankyou", status: "SUBMITTED" },
    { formTitle: "高齢者 見守りサービス 利用申込", department: "fukushi", status: "RETURNED" },
    { formTitle: "児童手当 認定請求", department: "kosodate", status: "APPROVED" },
  ] as const;
  await db.application.createMany({
    data: residents.map((resident, i) => {
      const form = forms[i % forms.length]!;
      return {
        referenceNo: `MD-${new Date(now).getFullYear()}-${String(i + 1).padStart(6, "0")}`,
        formTitle: form.formTitle,
        status: form.status,
        departmentId: departments.get(form.department)!,
        residentId: resident.id,
        submittedAt: new Date(now - (i + 1) * day),
      };
    }),
  });
}
