// Housekeeping: events whose job was lost are found again; old events are purged after the
// retention period, with the automatic messages sent for them; staff replies stay.
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/scripts/test/db";
import { seedResident } from "@/scripts/test/factories";
import { findStaleWork, purgeWebhookEvents } from "@/lib/webhook/jobs";

const t = useTestDatabase();

describe("[WEBHOOK] housekeeping", () => {
  it("finds events and messages stuck for more than two minutes", async () => {
    const old = new Date(Date.now() - 5 * 60_000);
    await t.db.webhookEvent.createMany({
      data: [
        { id: "stale-1", type: "message", occurredAt: old, receivedAt: old, payload: {} },
        { id: "fresh-1", type: "message", occurredAt: new Date(), payload: {} },
        { id: "held-1", type: "message", occurredAt: old, receivedAt: old, payload: {}, status: "HANDLING", lockedUntil: new Date(Date.now() + 60_000) },
        { id: "done-1", type: "message", occurredAt: old, receivedAt: old, payload: {}, status: "HANDLED" },
      ],
    });
    const stuck = await t.db.outboundMessage.create({ data: { lineUserId: "U1", purpose: "test", messages: [], createdAt: old } });
    const work = await findStaleWork(t.db);
    expect(work.eventIds).toEqual(["stale-1"]);
    expect(work.outboundIds).toEqual([stuck.id]);
  });

  it("purges events older than WEBHOOK_EVENT_RETENTION_DAYS (30) and their automatic messages", async () => {
    const now = new Date("2026-12-31T00:00:00Z");
    const old = new Date(now.getTime() - 31 * 86_400_000);
    const resident = await seedResident(t.db);
    await t.db.webhookEvent.createMany({ data: [{ id: "old-1", type: "follow", occurredAt: old, receivedAt: old, payload: {} }, { id: "recent-1", type: "follow", occurredAt: now, receivedAt: now, payload: {} }] });
    await t.db.outboundMessage.create({ data: { lineUserId: resident.lineUserId, residentId: resident.id, purpose: "greeting", messages: [], status: "SENT", createdAt: old, webhookEventId: "old-1" } });
    const conversation = await t.db.conversation.create({ data: { residentId: resident.id } });
    const reply = await t.db.inboxMessage.create({ data: { conversationId: conversation.id, direction: "OUTBOUND", kind: "TEXT", text: "返信" } });
    await t.db.outboundMessage.create({ data: { lineUserId: resident.lineUserId, residentId: resident.id, purpose: "staff-reply", messages: [], status: "SENT", createdAt: old, inboxMessageId: reply.id } });
    const purged = await purgeWebhookEvents(t.db, now);
    expect(purged.events).toBeGreaterThanOrEqual(1);
    expect(await t.db.webhookEvent.findUnique({ where: { id: "old-1" } })).toBeNull();
    expect(await t.db.webhookEvent.findUnique({ where: { id: "recent-1" } })).not.toBeNull();
    expect(await t.db.outboundMessage.count({ where: { residentId: resident.id } })).toBe(1);
  });
});
