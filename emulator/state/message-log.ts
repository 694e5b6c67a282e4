// The record of every accepted send: one record per accepted request, holding its recipients as a
// typed array of uids (friends.ts) and the positions of those it was not delivered to. A multicast to
// 500 residents costs one object and 2 KB instead of 500 objects, which is what lets the emulator
// record 2 million recipients a second. Per-recipient rows are produced on demand by queries.
import { Worker } from "node:worker_threads";
import type { FriendStore } from "./friends";

export const SEND_ENDPOINTS = ["reply", "push", "multicast", "narrowcast", "broadcast"] as const;
export type SendEndpoint = (typeof SEND_ENDPOINTS)[number];

export type SentMessage = { id: string; quoteToken?: string };

export type MessageRecord = {
  seq: number;
  requestId: string;
  endpoint: SendEndpoint;
  acceptedAt: number;
  retryKey: string | null;
  messages: unknown[];
  notificationDisabled: boolean;
  recipients: Int32Array;
  /** Positions in `recipients` that were accepted but not delivered (blocked, not a friend, unknown). */
  undelivered: Int32Array | null;
  /** push and reply: the ids (and quote tokens) returned to the caller. */
  sentMessages?: SentMessage[];
};

export type DeliveryRow = {
  seq: number;
  requestId: string;
  endpoint: SendEndpoint;
  acceptedAt: string;
  retryKey: string | null;
  userId: string;
  delivered: boolean;
  notificationDisabled: boolean;
  messages: unknown[];
  sentMessages?: SentMessage[];
};

export type DeliveryQuery = {
  userId?: string;
  requestId?: string;
  retryKey?: string;
  endpoint?: SendEndpoint;
  /** Only records with seq greater than this (cursor for polling). */
  afterSeq?: number;
  /** Only records accepted at or after this time (ms). */
  since?: number;
  delivered?: boolean;
  limit?: number;
};

/**
 * Recipient arrays of many records share 16 MB chunks: a record holds a view, not its own buffer, so
 * 4,000 multicasts a second do not mean 4,000 separate allocations for the garbage collector.
 *
 * Fresh memory costs a page fault on first touch (~17 µs per 4 KB page on the VMs this was measured
 * on — more than copying the recipients). A helper thread therefore allocates the next chunks as
 * SharedArrayBuffers and touches every page before the main thread needs them.
 */
export class RecipientArena {
  private static readonly CHUNK = 1 << 22;
  private chunk: Int32Array;
  private used = 0;
  private ready: Int32Array[] = [];
  private requested = 0;
  private worker: Worker | undefined;
  private prefault: boolean;

  constructor(options: { prefault?: boolean } = {}) {
    this.chunk = new Int32Array(RecipientArena.CHUNK);
    this.prefault = options.prefault !== false;
  }

  // Started once the first chunk is half full, so an emulator that sends little never pays for it.
  private startPrefaulter(): void {
    this.prefault = false;
    try {
      this.worker = new Worker(PREFAULT_WORKER, { eval: true });
      this.worker.unref();
      this.worker.on("message", (buffer: SharedArrayBuffer) => {
        this.requested--;
        this.ready.push(new Int32Array(buffer));
      });
      this.worker.on("error", () => {
        this.worker = undefined;
      });
      this.requestChunks();
    } catch {
      this.worker = undefined;
    }
  }

  private requestChunks(): void {
    if (!this.worker) return;
    while (this.ready.length + this.requested < 2) {
      this.requested++;
      this.worker.postMessage(RecipientArena.CHUNK * 4);
    }
  }

  private nextChunk(): void {
    this.chunk = this.ready.shift() ?? new Int32Array(RecipientArena.CHUNK);
    this.used = 0;
    this.requestChunks();
  }

  copy(source: Int32Array, count = source.length): Int32Array {
    if (count > RecipientArena.CHUNK / 8) return source.slice(0, count);
    if (this.prefault && this.used > RecipientArena.CHUNK / 2) this.startPrefaulter();
    if (this.used + count > RecipientArena.CHUNK) this.nextChunk();
    const view = this.chunk.subarray(this.used, this.used + count);
    view.set(count === source.length ? source : source.subarray(0, count));
    this.used += count;
    return view;
  }

  /** The same for a short list of positions (who was not delivered). */
  copyPositions(positions: number[]): Int32Array {
    const count = positions.length;
    if (count > RecipientArena.CHUNK / 8) return Int32Array.from(positions);
    if (this.used + count > RecipientArena.CHUNK) this.nextChunk();
    const view = this.chunk.subarray(this.used, this.used + count);
    for (let i = 0; i < count; i++) view[i] = positions[i]!;
    this.used += count;
    return view;
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}

// Plain JavaScript, evaluated in a worker thread: allocate, write one byte per page, hand it over.
const PREFAULT_WORKER = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", (bytes) => {
  const buffer = new SharedArrayBuffer(bytes);
  const view = new Uint8Array(buffer);
  for (let i = 0; i < bytes; i += 4096) view[i] = 0;
  parentPort.postMessage(buffer);
});
`;

export class MessageLog {
  private records: MessageRecord[] = [];
  private bySeqOffset = 1;
  private byRequestId = new Map<string, number>();
  private totals = { requests: 0, recipients: 0, delivered: 0 };
  private requestsByEndpoint: Record<string, number> = {};
  private listeners = new Set<(record: MessageRecord) => void>();

  add(record: Omit<MessageRecord, "seq">): MessageRecord {
    const full: MessageRecord = {
      seq: this.bySeqOffset + this.records.length,
      requestId: record.requestId,
      endpoint: record.endpoint,
      acceptedAt: record.acceptedAt,
      retryKey: record.retryKey,
      messages: record.messages,
      notificationDisabled: record.notificationDisabled,
      recipients: record.recipients,
      undelivered: record.undelivered,
      sentMessages: record.sentMessages,
    };
    this.records.push(full);
    this.byRequestId.set(full.requestId, full.seq);
    this.totals.requests++;
    this.totals.recipients += full.recipients.length;
    this.totals.delivered += full.recipients.length - (full.undelivered?.length ?? 0);
    this.requestsByEndpoint[full.endpoint] = (this.requestsByEndpoint[full.endpoint] ?? 0) + 1;
    for (const listener of this.listeners) listener(full);
    return full;
  }

  onRecord(listener: (record: MessageRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get lastSeq(): number {
    return this.bySeqOffset + this.records.length - 1;
  }

  get size(): number {
    return this.records.length;
  }

  stats(): { requests: number; recipients: number; delivered: number; notDelivered: number; requestsByEndpoint: Record<string, number> } {
    return { ...this.totals, notDelivered: this.totals.recipients - this.totals.delivered, requestsByEndpoint: { ...this.requestsByEndpoint } };
  }

  byRequest(requestId: string): MessageRecord | undefined {
    const seq = this.byRequestId.get(requestId);
    return seq === undefined ? undefined : this.records[seq - this.bySeqOffset];
  }

  /** Per-recipient rows, oldest first. */
  query(friends: FriendStore, query: DeliveryQuery): { rows: DeliveryRow[]; lastSeq: number } {
    const limit = query.limit ?? 1000;
    const rows: DeliveryRow[] = [];
    const uid = query.userId === undefined ? undefined : friends.uidOf(query.userId);
    if (uid === 0) return { rows, lastSeq: this.lastSeq };
    let list = this.records;
    let from = query.afterSeq === undefined ? 0 : Math.max(0, query.afterSeq + 1 - this.bySeqOffset);
    if (query.requestId !== undefined) {
      const record = this.byRequest(query.requestId);
      list = record ? [record] : [];
      from = 0;
    }
    for (let i = from; i < list.length && rows.length < limit; i++) {
      const record = list[i]!;
      if (query.afterSeq !== undefined && record.seq <= query.afterSeq) continue;
      if (query.endpoint !== undefined && record.endpoint !== query.endpoint) continue;
      if (query.retryKey !== undefined && record.retryKey !== query.retryKey) continue;
      if (query.since !== undefined && record.acceptedAt < query.since) continue;
      const undelivered = record.undelivered;
      if (uid !== undefined) {
        const position = record.recipients.indexOf(uid);
        if (position < 0) continue;
        const delivered = !undelivered || undelivered.indexOf(position) < 0;
        if (query.delivered !== undefined && delivered !== query.delivered) continue;
        rows.push(toRow(record, query.userId!, delivered));
        continue;
      }
      for (let p = 0; p < record.recipients.length && rows.length < limit; p++) {
        const delivered = !undelivered || undelivered.indexOf(p) < 0;
        if (query.delivered !== undefined && delivered !== query.delivered) continue;
        rows.push(toRow(record, friends.userIdOf(record.recipients[p]!), delivered));
      }
    }
    return { rows, lastSeq: this.lastSeq };
  }

  /** How many times each user received something (delivered only) — the exactly-once check. */
  deliveryCounts(friends: FriendStore, filter: { endpoint?: SendEndpoint; since?: number } = {}): Map<string, number> {
    const counts = new Map<number, number>();
    for (const record of this.records) {
      if (filter.endpoint && record.endpoint !== filter.endpoint) continue;
      if (filter.since !== undefined && record.acceptedAt < filter.since) continue;
      const skip = record.undelivered ? new Set(record.undelivered) : undefined;
      for (let p = 0; p < record.recipients.length; p++) {
        if (skip?.has(p)) continue;
        const uid = record.recipients[p]!;
        counts.set(uid, (counts.get(uid) ?? 0) + 1);
      }
    }
    const result = new Map<string, number>();
    for (const [uid, count] of counts) result.set(friends.userIdOf(uid), count);
    return result;
  }

  clear(): void {
    this.bySeqOffset += this.records.length;
    this.records = [];
    this.byRequestId.clear();
    this.totals = { requests: 0, recipients: 0, delivered: 0 };
    this.requestsByEndpoint = {};
  }

  toJSON(): MessageLogSnapshot {
    return {
      firstSeq: this.bySeqOffset,
      records: this.records.map((r) => ({
        ...r,
        recipients: Buffer.from(r.recipients.buffer, r.recipients.byteOffset, r.recipients.byteLength).toString("base64"),
        undelivered: r.undelivered ? Buffer.from(r.undelivered.buffer, r.undelivered.byteOffset, r.undelivered.byteLength).toString("base64") : null,
      })),
    };
  }

  static fromJSON(snapshot: MessageLogSnapshot): MessageLog {
    const log = new MessageLog();
    log.bySeqOffset = snapshot.firstSeq;
    for (const r of snapshot.records) {
      const record: MessageRecord = { ...r, recipients: int32FromBase64(r.recipients), undelivered: r.undelivered === null ? null : int32FromBase64(r.undelivered) };
      log.records.push(record);
      log.byRequestId.set(record.requestId, record.seq);
      log.totals.requests++;
      log.totals.recipients += record.recipients.length;
      log.totals.delivered += record.recipients.length - (record.undelivered?.length ?? 0);
      log.requestsByEndpoint[record.endpoint] = (log.requestsByEndpoint[record.endpoint] ?? 0) + 1;
    }
    return log;
  }
}

export type MessageLogSnapshot = {
  firstSeq: number;
  records: (Omit<MessageRecord, "recipients" | "undelivered"> & { recipients: string; undelivered: string | null })[];
};

function int32FromBase64(text: string): Int32Array {
  const bytes = Buffer.from(text, "base64");
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Int32Array(copy.buffer);
}

function toRow(record: MessageRecord, userId: string, delivered: boolean): DeliveryRow {
  const row: DeliveryRow = {
    seq: record.seq,
    requestId: record.requestId,
    endpoint: record.endpoint,
    acceptedAt: new Date(record.acceptedAt).toISOString(),
    retryKey: record.retryKey,
    userId,
    delivered,
    notificationDisabled: record.notificationDisabled,
    messages: record.messages,
  };
  if (record.sentMessages) row.sentMessages = record.sentMessages;
  return row;
}
