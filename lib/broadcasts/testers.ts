// Staff testers: a staff member links their own LINE account once, then receives test sends from the
// composer. Linking is safe without typing any LINE id: the console shows a one-time code (only its
// SHA-256 is stored, valid 15 minutes, single use) as a LIFF link; opening it in LINE proves the LINE
// account (the ID token, verified on the server) and the code proves the staff member.
import { createHash, randomInt, randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import { getMessagingApiClient } from "@/lib/line/clients";
import { classifyLineError } from "@/lib/line/errors";
import { readContent } from "@/lib/broadcasts/content";
import { buildLineMessages } from "@/lib/broadcasts/line-messages";
import { lineMessageContext } from "@/lib/broadcasts/message-context";
import { LANGUAGE_CODES, type Language } from "@/lib/registration/options";

export const TESTER_CODE_MINUTES = 15;
// No 0/O, 1/I/L: the code may be read aloud or typed.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

function hashCode(code: string): string {
  return createHash("sha256").update(code.trim().toUpperCase()).digest("hex");
}

export function testerLinkLiffUrl(code: string): string {
  return `https://liff.line.me/${env().LIFF_ID ?? "LIFF_ID"}/tester?code=${encodeURIComponent(code)}`;
}

export async function issueTesterLinkCode(db: Db, options: { actor: AuditActor & { id: string }; now?: Date }): Promise<{ code: string; expiresAt: Date; liffUrl: string }> {
  const now = options.now ?? new Date();
  const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
  const expiresAt = new Date(now.getTime() + TESTER_CODE_MINUTES * 60_000);
  await db.$transaction(async (tx) => {
    await tx.staffLineTester.upsert({
      where: { staffId: options.actor.id },
      create: { staffId: options.actor.id, linkCodeHash: hashCode(code), linkCodeExpiresAt: expiresAt },
      update: { linkCodeHash: hashCode(code), linkCodeExpiresAt: expiresAt },
    });
    await writeAudit(tx, { actor: options.actor, action: "tester.link-code", target: { type: "line-tester", id: options.actor.id }, summary: { expiresAt: expiresAt.toISOString() } });
  });
  return { code, expiresAt, liffUrl: testerLinkLiffUrl(code) };
}

/** Called from the LIFF page with the verified LINE user; returns the staff member's name. */
export async function linkTesterAccount(db: Db, options: { code: string; lineUserId: string; displayName: string | null; now?: Date }): Promise<{ staffName: string }> {
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const pending = await tx.staffLineTester.findFirst({ where: { linkCodeHash: hashCode(options.code), linkCodeExpiresAt: { gt: now } } });
    if (!pending) {
      throw new AppError("INVALID_INPUT", { userMessage: "登録コードが正しくないか、有効期限（15分）が切れています。職員コンソールで新しいコードを発行してください。" });
    }
    const staff = await tx.staff.findUnique({ where: { id: pending.staffId } });
    if (!staff || !staff.active) throw new AppError("FORBIDDEN", { userMessage: "この登録コードは使えません。" });
    // Single use: the code is cleared in the same update that links the account.
    const linked = await tx.staffLineTester.updateMany({
      where: { staffId: pending.staffId, linkCodeHash: pending.linkCodeHash },
      data: { lineUserId: options.lineUserId, displayName: options.displayName, linkedAt: now, linkCodeHash: null, linkCodeExpiresAt: null },
    });
    if (linked.count === 0) throw new AppError("CONFLICT", { userMessage: "この登録コードはすでに使われました。" });
    await writeAudit(tx, {
      actor: { id: staff.id, label: `${staff.name} <${staff.email}>（LINE から）` },
      action: "tester.link",
      target: { type: "line-tester", id: staff.id },
      summary: { lineDisplayName: options.displayName },
    });
    return { staffName: staff.name };
  });
}

export async function unlinkTesterAccount(db: Db, options: { actor: AuditActor & { id: string } }): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.staffLineTester.deleteMany({ where: { staffId: options.actor.id } });
    await writeAudit(tx, { actor: options.actor, action: "tester.unlink", target: { type: "line-tester", id: options.actor.id } });
  });
}

export async function findTesters(db: Db) {
  const testers = await db.staffLineTester.findMany({ where: { lineUserId: { not: null } }, orderBy: { linkedAt: "asc" } });
  const staff = await db.staff.findMany({ where: { id: { in: testers.map((t) => t.staffId) }, active: true }, select: { id: true, name: true } });
  const names = new Map(staff.map((s) => [s.id, s.name]));
  return testers.filter((t) => names.has(t.staffId)).map((t) => ({ staffId: t.staffId, staffName: names.get(t.staffId)!, displayName: t.displayName, linkedAt: t.linkedAt }));
}

/** LINE shows this name on each test message (sender.name: ≤ 20 characters, must not contain "LINE"). */
export const TEST_SENDER_NAME = "テスト送信（未配信）";

/** Pushes one language's messages to every linked tester; returns how many received them. */
export async function testSendBroadcast(db: Db, options: { broadcastId: string; language: string; actor: AuditActor & { id: string } }): Promise<{ testers: number; language: Language }> {
  const broadcast = await db.broadcast.findUnique({ where: { id: options.broadcastId } });
  if (!broadcast) throw new AppError("NOT_FOUND", { userMessage: "配信が見つかりませんでした。" });
  const language = (LANGUAGE_CODES as readonly string[]).includes(options.language) ? (options.language as Language) : "ja";
  const all = buildLineMessages(readContent(broadcast.content), lineMessageContext());
  const messages = (all[language] ?? all.ja ?? []).map((m) => ({ ...m, sender: { name: TEST_SENDER_NAME } }));
  const testers = await db.staffLineTester.findMany({ where: { lineUserId: { not: null } } });
  if (testers.length === 0) {
    throw new AppError("INVALID_INPUT", { userMessage: "テスト送信先が登録されていません。「テスト送信先」の画面で自分の LINE アカウントを登録してください。" });
  }
  let delivered = 0;
  for (const tester of testers) {
    try {
      await getMessagingApiClient().pushMessage({ to: tester.lineUserId!, messages, notificationDisabled: broadcast.notificationDisabled }, randomUUID());
      delivered++;
    } catch (error) {
      const outcome = classifyLineError(error);
      console.error(`[broadcasts] test send to ${tester.staffId} failed: ${JSON.stringify(outcome)}`);
      if (outcome.kind === "rejected") {
        throw new AppError("INVALID_INPUT", { userMessage: `LINE がテスト送信を受け付けませんでした（${outcome.message}）。内容を確認してください。` });
      }
      throw new AppError("UPSTREAM", { userMessage: "LINE に接続できず、テスト送信できませんでした。しばらく待ってから、もう一度お試しください。", cause: error });
    }
  }
  await writeAudit(db, {
    actor: options.actor,
    action: "broadcast.test-send",
    target: { type: "broadcast", id: broadcast.id },
    summary: { language, testers: delivered },
  });
  return { testers: delivered, language };
}
