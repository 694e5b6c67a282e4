// The 相談窓口 for staff: conversation lists by filter, one conversation with its messages and
// notes, and a version stamp the page polls to show new messages without a reload.
import type { Db, DbTx } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { z } from "@/lib/zod";
import { hasPermission } from "@/lib/auth/permissions";

export const INBOX_FILTERS = {
  open: "対応中",
  unassigned: "未割り当て",
  mine: "自分の担当",
  resolved: "対応済み",
} as const;
export type InboxFilter = keyof typeof INBOX_FILTERS;
export const inboxFilterSchema = z.enum(["open", "unassigned", "mine", "resolved"]).catch("open");

export const INBOX_PAGE_SIZE = 30;
/** Messages shown in a conversation (newest); older ones are summarised as a count. */
export const CONVERSATION_MESSAGE_LIMIT = 200;

function filterWhere(filter: InboxFilter, staffId: string): Prisma.ConversationWhereInput {
  switch (filter) {
    case "open":
      return { status: "OPEN" };
    case "unassigned":
      return { status: "OPEN", assignedToId: null };
    case "mine":
      return { status: "OPEN", assignedToId: staffId };
    case "resolved":
      return { status: "RESOLVED" };
  }
}

export async function findConversations(db: DbTx, { filter, staffId, page }: { filter: InboxFilter; staffId: string; page: number }) {
  const where = filterWhere(filter, staffId);
  const [total, rows, counts] = await Promise.all([
    db.conversation.count({ where }),
    db.conversation.findMany({
      where,
      orderBy: [{ lastMessageAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * INBOX_PAGE_SIZE,
      take: INBOX_PAGE_SIZE,
      select: {
        id: true,
        status: true,
        assignedToId: true,
        unreadCount: true,
        lastMessageAt: true,
        preview: true,
        resident: { select: { displayName: true, followStatus: true } },
      },
    }),
    countByFilter(db, staffId),
  ]);
  const staffNames = await namesOf(db, rows.map((r) => r.assignedToId));
  return {
    total,
    counts,
    pageCount: Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE)),
    rows: rows.map((r) => ({ ...r, assignedToName: r.assignedToId ? (staffNames.get(r.assignedToId) ?? "（不明な職員）") : null })),
  };
}

export async function countByFilter(db: DbTx, staffId: string): Promise<Record<InboxFilter, { total: number; unread: number }>> {
  const rows = await db.$queryRaw<{ filter: InboxFilter; total: bigint; unread: bigint }[]>`
    SELECT f.filter, count(c.id) AS total, coalesce(sum(c.unread_count), 0) AS unread
    FROM (VALUES ('open'), ('unassigned'), ('mine'), ('resolved')) AS f(filter)
    LEFT JOIN conversation c ON CASE f.filter
      WHEN 'open' THEN c.status = 'OPEN'
      WHEN 'unassigned' THEN c.status = 'OPEN' AND c.assigned_to_id IS NULL
      WHEN 'mine' THEN c.status = 'OPEN' AND c.assigned_to_id = ${staffId}::uuid
      ELSE c.status = 'RESOLVED' END
    GROUP BY f.filter`;
  const out = { open: { total: 0, unread: 0 }, unassigned: { total: 0, unread: 0 }, mine: { total: 0, unread: 0 }, resolved: { total: 0, unread: 0 } };
  for (const row of rows) out[row.filter] = { total: Number(row.total), unread: Number(row.unread) };
  return out;
}

async function namesOf(db: DbTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map();
  const staff = await db.staff.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(staff.map((s) => [s.id, s.name]));
}

export type TimelineItem =
  | {
      kind: "message";
      id: string;
      at: Date;
      direction: "INBOUND" | "OUTBOUND";
      messageKind: string;
      text: string | null;
      payload: unknown;
      automatic: boolean;
      unsent: boolean;
      senderName: string | null;
      delivery: { status: "PENDING" | "SENT" | "FAILED"; via: string | null; error: string | null } | null;
      attachment: { id: string; contentType: string; fileName: string | null; size: number; available: boolean; unavailableReason: string | null } | null;
    }
  | { kind: "note"; id: string; at: Date; body: string; authorName: string };

/**
 * One conversation for a staff member, oldest first; opening it marks its messages read.
 * Returns null for an id that is not a conversation.
 */
export async function openConversation(db: Db, { id }: { id: string }) {
  const conversation = await db.conversation.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      assignedToId: true,
      unreadCount: true,
      lastMessageAt: true,
      resolvedAt: true,
      createdAt: true,
      resident: { select: { id: true, displayName: true, pictureUrl: true, followStatus: true, registeredAt: true } },
    },
  });
  if (!conversation) return null;
  const [messages, total, notes] = await Promise.all([
    db.inboxMessage.findMany({
      where: { conversationId: id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: CONVERSATION_MESSAGE_LIMIT,
      select: {
        id: true,
        createdAt: true,
        direction: true,
        kind: true,
        text: true,
        payload: true,
        automatic: true,
        unsentAt: true,
        sentById: true,
        attachment: { select: { id: true, contentType: true, fileName: true, size: true, unavailableReason: true, data: false } },
      },
    }),
    db.inboxMessage.count({ where: { conversationId: id } }),
    db.inboxNote.findMany({ where: { conversationId: id }, orderBy: { createdAt: "asc" } }),
  ]);
  const withData = await db.inboxAttachment.findMany({ where: { messageId: { in: messages.map((m) => m.id) }, data: { not: null } }, select: { id: true } });
  const available = new Set(withData.map((a) => a.id));
  const outbound = await db.outboundMessage.findMany({ where: { inboxMessageId: { in: messages.filter((m) => m.direction === "OUTBOUND").map((m) => m.id) } }, select: { inboxMessageId: true, status: true, via: true, lastError: true } });
  const deliveries = new Map(outbound.map((o) => [o.inboxMessageId!, o]));
  const names = await namesOf(db, [...messages.map((m) => m.sentById), ...notes.map((n) => n.authorId), conversation.assignedToId]);
  if (conversation.unreadCount > 0) await db.conversation.update({ where: { id }, data: { unreadCount: 0 } });

  const items: TimelineItem[] = [
    ...messages.map((m): TimelineItem => {
      const delivery = deliveries.get(m.id);
      return {
        kind: "message",
        id: m.id,
        at: m.createdAt,
        direction: m.direction,
        messageKind: m.kind,
        text: m.text,
        payload: m.payload,
        automatic: m.automatic,
        unsent: m.unsentAt !== null,
        senderName: m.sentById ? (names.get(m.sentById) ?? "（不明な職員）") : null,
        delivery: delivery ? { status: delivery.status, via: delivery.via, error: delivery.lastError } : null,
        attachment: m.attachment ? { ...m.attachment, available: available.has(m.attachment.id) } : null,
      };
    }),
    ...notes.map((n): TimelineItem => ({ kind: "note", id: n.id, at: n.createdAt, body: n.body, authorName: names.get(n.authorId) ?? "（不明な職員）" })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));

  return {
    ...conversation,
    assignedToName: conversation.assignedToId ? (names.get(conversation.assignedToId) ?? "（不明な職員）") : null,
    items,
    olderMessages: Math.max(0, total - messages.length),
  };
}

/** Staff who can take a conversation (active, with inbox.reply). */
export async function inboxStaff(db: DbTx): Promise<{ id: string; name: string }[]> {
  const staff = await db.staff.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true, roles: true } });
  return staff.filter((s) => hasPermission(s.roles, "inbox.reply")).map(({ id, name }) => ({ id, name }));
}

/**
 * Changes whenever anything in the inbox changes (a message, a read, an assignment): the page polls
 * it and refreshes when it differs.
 */
export async function inboxVersion(db: DbTx): Promise<string> {
  const rows = await db.$queryRaw<{ updated: Date | null; n: bigint; unread: bigint }[]>`
    SELECT max(updated_at) AS updated, count(*) AS n, coalesce(sum(unread_count), 0) AS unread FROM conversation`;
  const row = rows[0]!;
  return `${row.updated?.getTime() ?? 0}-${row.n}-${row.unread}`;
}
