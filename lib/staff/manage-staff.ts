// Staff accounts: create, change roles and departments, deactivate/reactivate, reset and change
// passwords. Each change is audited in its own transaction; ending access also ends the sessions.
import { z } from "@/lib/zod";
import type { Db } from "@/lib/db";
import type { StaffRole } from "@/generated/prisma/enums";
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { writeAudit, diffSummary, type AuditActor } from "@/lib/audit/write-audit";
import { ROLES } from "@/lib/auth/permissions";
import { EMAIL_PATTERN, normalizeEmail } from "@/lib/auth/email";
import { checkPasswordStrength, generateTemporaryPassword, hashPassword, verifyPassword } from "@/lib/auth/password";
import { endSessionsOfStaff } from "@/lib/auth/sessions";

const rolesSchema = z
  .array(z.enum(ROLES, { error: "役割の値が正しくありません。" }))
  .min(1, "役割を1つ以上選んでください。")
  .transform((roles) => [...new Set(roles)]);

export const staffFieldsSchema = z.object({
  name: z.string().trim().min(1, "氏名を入力してください。").max(100, "氏名は100文字以内で入力してください。"),
  roles: rolesSchema,
  departmentIds: z.array(z.uuid({ error: "部署の値が正しくありません。" })).default([]),
});

export const createStaffSchema = staffFieldsSchema.extend({
  email: z
    .string()
    .transform(normalizeEmail)
    .pipe(z.string().min(1, "メールアドレスを入力してください。").max(320).regex(EMAIL_PATTERN, "メールアドレスの形式が正しくありません。")),
});
export type CreateStaffInput = z.infer<typeof createStaffSchema>;

export const updateStaffSchema = staffFieldsSchema.extend({ staffId: z.uuid() });
export type UpdateStaffInput = z.infer<typeof updateStaffSchema>;

function reviewerNeedsDepartment(roles: StaffRole[], departmentIds: string[]) {
  if (roles.includes("REVIEWER") && !roles.includes("ADMIN") && departmentIds.length === 0) {
    throw new AppError("INVALID_INPUT", { userMessage: "審査担当には担当部署を1つ以上選んでください。" });
  }
}

export async function createStaff(
  db: Db,
  input: CreateStaffInput & { actor: AuditActor; password?: string },
): Promise<{ staff: { id: string; email: string; name: string }; temporaryPassword: string | null }> {
  const parsed = createStaffSchema.parse(input);
  reviewerNeedsDepartment(parsed.roles, parsed.departmentIds);
  const temporaryPassword = input.password ? null : generateTemporaryPassword();
  if (input.password) {
    const problem = checkPasswordStrength(input.password, { email: parsed.email });
    if (problem) throw new AppError("INVALID_INPUT", { userMessage: problem });
  }
  const passwordHash = await hashPassword(input.password ?? temporaryPassword!);
  try {
    const staff = await db.$transaction(async (tx) => {
      const created = await tx.staff.create({
        data: {
          email: parsed.email,
          name: parsed.name,
          roles: parsed.roles,
          passwordHash,
          mustChangePassword: true,
          departments: { create: parsed.departmentIds.map((departmentId) => ({ departmentId })) },
        },
      });
      await writeAudit(tx, {
        actor: input.actor,
        action: "staff.create",
        target: { type: "staff", id: created.id },
        summary: { after: { email: created.email, name: created.name, roles: created.roles, departmentIds: parsed.departmentIds } },
      });
      return created;
    });
    return { staff: { id: staff.id, email: staff.email, name: staff.name }, temporaryPassword };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", { userMessage: "このメールアドレスの職員はすでに登録されています。", cause: error });
    }
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") {
      throw new AppError("INVALID_INPUT", { userMessage: "選んだ部署が見つかりません。画面を再読み込みしてください。", cause: error });
    }
    throw error;
  }
}

/** The number of active administrators other than `exceptStaffId`. */
async function otherActiveAdmins(db: Pick<Db, "staff">, exceptStaffId: string): Promise<number> {
  return db.staff.count({ where: { active: true, roles: { has: "ADMIN" }, id: { not: exceptStaffId } } });
}

export async function updateStaff(db: Db, input: UpdateStaffInput & { actor: AuditActor }): Promise<void> {
  const parsed = updateStaffSchema.parse(input);
  reviewerNeedsDepartment(parsed.roles, parsed.departmentIds);
  await db.$transaction(async (tx) => {
    const before = await tx.staff.findUnique({ where: { id: parsed.staffId }, include: { departments: true } });
    if (!before) throw new AppError("NOT_FOUND", { userMessage: "職員が見つかりません。" });
    if (before.roles.includes("ADMIN") && !parsed.roles.includes("ADMIN") && before.active && (await otherActiveAdmins(tx, before.id)) === 0) {
      throw new AppError("INVALID_STATE", { userMessage: "最後の管理者から管理者の役割を外すことはできません。先に別の管理者を作成してください。" });
    }
    await tx.staff.update({
      where: { id: parsed.staffId },
      data: {
        name: parsed.name,
        roles: parsed.roles,
        departments: { deleteMany: {}, create: parsed.departmentIds.map((departmentId) => ({ departmentId })) },
      },
    });
    const summary = diffSummary(
      { name: before.name, roles: [...before.roles].sort(), departmentIds: before.departments.map((d) => d.departmentId).sort() },
      { name: parsed.name, roles: [...parsed.roles].sort(), departmentIds: [...parsed.departmentIds].sort() },
    );
    await writeAudit(tx, { actor: input.actor, action: "staff.update", target: { type: "staff", id: parsed.staffId }, summary });
  });
}

export async function setStaffActive(db: Db, input: { staffId: string; active: boolean; actor: AuditActor }): Promise<void> {
  await db.$transaction(async (tx) => {
    const staff = await tx.staff.findUnique({ where: { id: input.staffId } });
    if (!staff) throw new AppError("NOT_FOUND", { userMessage: "職員が見つかりません。" });
    if (!input.active) {
      if (staff.id === input.actor.id) throw new AppError("INVALID_STATE", { userMessage: "自分自身を無効にすることはできません。" });
      if (staff.roles.includes("ADMIN") && (await otherActiveAdmins(tx, staff.id)) === 0) {
        throw new AppError("INVALID_STATE", { userMessage: "最後の管理者は無効にできません。" });
      }
    }
    // Conditional update: a double submit changes (and audits) nothing the second time.
    const changed = await tx.staff.updateMany({
      where: { id: staff.id, active: !input.active },
      data: { active: input.active, deactivatedAt: input.active ? null : new Date() },
    });
    if (changed.count === 0) return;
    const endedSessions = input.active ? 0 : await endSessionsOfStaff(tx, staff.id, "deactivated");
    await writeAudit(tx, {
      actor: input.actor,
      action: input.active ? "staff.reactivate" : "staff.deactivate",
      target: { type: "staff", id: staff.id },
      summary: { before: { active: !input.active }, after: { active: input.active }, ...(input.active ? {} : { endedSessions }) },
    });
  });
}

/** Issues a temporary password (shown once to the administrator) and ends the staff member's sessions. */
export async function resetStaffPassword(db: Db, input: { staffId: string; actor: AuditActor }): Promise<{ temporaryPassword: string }> {
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await db.$transaction(async (tx) => {
    const updated = await tx.staff.updateMany({
      where: { id: input.staffId },
      data: { passwordHash, mustChangePassword: true, passwordChangedAt: new Date() },
    });
    if (updated.count === 0) throw new AppError("NOT_FOUND", { userMessage: "職員が見つかりません。" });
    const endedSessions = await endSessionsOfStaff(tx, input.staffId, "password-reset");
    // A locked address is the usual reason for a reset: unlock it too.
    const staff = await tx.staff.findUniqueOrThrow({ where: { id: input.staffId }, select: { email: true } });
    await tx.loginThrottle.deleteMany({ where: { emailKey: staff.email } });
    await writeAudit(tx, { actor: input.actor, action: "staff.reset-password", target: { type: "staff", id: input.staffId }, summary: { endedSessions } });
  });
  return { temporaryPassword };
}

export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "現在のパスワードを入力してください。").max(1024),
    newPassword: z.string().min(1, "新しいパスワードを入力してください。").max(1024),
    confirmPassword: z.string().max(1024),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "確認用のパスワードが一致しません。" });
export type ChangeOwnPasswordInput = z.infer<typeof changeOwnPasswordSchema>;

export type ChangeOwnPasswordResult = { ok: true } | { ok: false; field: keyof ChangeOwnPasswordInput; message: string };

/** Changes the signed-in staff member's password; their other sessions end, the current one stays. */
export async function changeOwnPassword(
  db: Db,
  input: ChangeOwnPasswordInput & { staffId: string; sessionId: string; actor: AuditActor },
): Promise<ChangeOwnPasswordResult> {
  const staff = await db.staff.findUnique({ where: { id: input.staffId } });
  if (!staff) throw new AppError("NOT_FOUND");
  if (!(await verifyPassword(staff.passwordHash, input.currentPassword))) {
    return { ok: false, field: "currentPassword", message: "現在のパスワードが正しくありません。" };
  }
  if (input.newPassword === input.currentPassword) {
    return { ok: false, field: "newPassword", message: "現在と異なるパスワードを設定してください。" };
  }
  const problem = checkPasswordStrength(input.newPassword, { email: staff.email, name: staff.name });
  if (problem) return { ok: false, field: "newPassword", message: problem };
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.staff.update({ where: { id: staff.id }, data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() } });
    const endedSessions = await endSessionsOfStaff(tx, staff.id, "password-changed", input.sessionId);
    await writeAudit(tx, { actor: input.actor, action: "staff.change-password", target: { type: "staff", id: staff.id }, summary: { endedOtherSessions: endedSessions } });
  });
  return { ok: true };
}
