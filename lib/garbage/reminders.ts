// 「前日20時に通知」: residents subscribe per category (in /liff/garbage); every evening at 20:00 (Japan)
// the garbage.send-reminders job pushes "明日は燃やすごみの日です" to those whose area collects that
// category tomorrow. Each reminder row is claimed for tomorrow's date in the transaction that queues
// its message (lib/webhook/outbox.ts), so a retried or doubled job never sends twice.
import type { Db, DbTx } from "@/lib/db";
import { textMessage, uriAction, liffUrl } from "@/lib/line/messages";
import { queueOutbound } from "@/lib/webhook/outbox";
import { enqueueInTransaction } from "@/lib/webhook/enqueue-in-transaction";
import { sendOutboundJob } from "@/lib/webhook/jobs";
import { loadAreaSchedule, type AreaSchedule } from "@/lib/garbage/areas";
import { addDays, collectsOn, formatJapaneseDate, isSuspended, japanToday } from "@/lib/garbage/schedule";

const BATCH = 200;

/**
 * Queues tomorrow's reminders. `now` is when the job runs (20:00 in Japan); "tomorrow" is the day
 * after its Japanese date. Returns how many messages were queued.
 */
export async function sendDueReminders(db: Db, options: { now?: Date } = {}): Promise<{ queued: number; checked: number }> {
  const today = japanToday(options.now ?? new Date());
  const tomorrow = addDays(today, 1);
  const schedules = new Map<number, AreaSchedule | null>();
  let queued = 0;
  let checked = 0;
  let after = "";
  for (;;) {
    const reminders = await db.garbageReminder.findMany({
      where: { id: { gt: after || "00000000-0000-0000-0000-000000000000" }, OR: [{ lastSentFor: null }, { lastSentFor: { not: tomorrow } }], resident: { followStatus: "FOLLOWING" } },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, areaId: true, categoryId: true, residentId: true, resident: { select: { lineUserId: true } }, category: { select: { name: true } } },
    });
    if (reminders.length === 0) break;
    after = reminders[reminders.length - 1]!.id;
    checked += reminders.length;
    const due: typeof reminders = [];
    for (const r of reminders) {
      if (!schedules.has(r.areaId)) schedules.set(r.areaId, await loadAreaSchedule(db, r.areaId));
      const schedule = schedules.get(r.areaId);
      const category = schedule?.categories.find((c) => c.id === r.categoryId);
      if (schedule && category?.rule && collectsOn(category.rule, tomorrow) && !isSuspended(tomorrow, schedule.suspensions)) due.push(r);
    }
    if (due.length === 0) continue;
    await db.$transaction(async (tx) => {
      // Claim: only rows not yet sent for tomorrow (a second run finds none).
      const claimed = await tx.garbageReminder.updateManyAndReturn({
        where: { id: { in: due.map((r) => r.id) }, OR: [{ lastSentFor: null }, { lastSentFor: { not: tomorrow } }] },
        data: { lastSentFor: tomorrow },
        select: { id: true },
      });
      const claimedIds = new Set(claimed.map((c) => c.id));
      const outboundIds: { outboundId: string }[] = [];
      for (const r of due) {
        if (!claimedIds.has(r.id)) continue;
        const text = `明日 ${formatJapaneseDate(tomorrow)}は「${r.category.name}」の収集日です。朝の決められた時間までに出してください。`;
        const outboundId = await queueOutbound(tx, {
          lineUserId: r.resident.lineUserId,
          residentId: r.residentId,
          purpose: "garbage:reminder",
          messages: [textMessage(text, { quickReply: [uriAction("通知の設定", liffUrl("/garbage", { tab: "reminders" }))] })],
        });
        outboundIds.push({ outboundId });
      }
      await enqueueInTransaction(tx, sendOutboundJob, outboundIds);
      queued += outboundIds.length;
    });
  }
  return { queued, checked };
}

