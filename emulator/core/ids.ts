// Identifiers in the shapes LINE uses, so code that stores or pattern-matches them behaves as it would
// against the real platform.
import { randomBytes, randomUUID } from "node:crypto";

/** x-line-request-id: LINE returns UUIDs (retrying-api-request docs show 123e4567-…). */
export function newRequestId(): string {
  return randomUUID();
}

// Message ids are numeric strings ("461230966842064897" in the reference). A counter above 10^15 keeps
// them numeric, unique per run and inside Number.MAX_SAFE_INTEGER so they sort as numbers too.
const MESSAGE_ID_BASE = 1_000_000_000_000_000;

export class MessageIdSequence {
  constructor(private next = 1) {}

  take(count = 1): string {
    const first = this.next;
    this.next += count;
    return String(MESSAGE_ID_BASE + first);
  }

  /** The id `offset` after a first id returned by take(count). */
  static nth(firstId: string, offset: number): string {
    return String(Number(firstId) + offset);
  }

  get value(): number {
    return this.next;
  }
}

/** Reply tokens look like 32 hex digits in real webhooks. */
export function newReplyToken(): string {
  return randomBytes(16).toString("hex");
}

/** Opaque tokens (quote tokens, mark-as-read tokens, access tokens): URL-safe random text. */
export function newOpaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** webhookEventId: "a string in ULID format" (webhook.yml) — 48-bit time + 80 random bits, base32. */
export function newUlid(now: number): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const random = randomBytes(16);
  let rest = "";
  for (let i = 0; i < 16; i++) rest += CROCKFORD[random[i]! % 32];
  return time + rest;
}

/** U + 32 lowercase hex digits: LINE user ids (webhook.yml destination pattern ^U[0-9a-f]{32}$). */
export function newLineUserId(): string {
  return `U${randomBytes(16).toString("hex")}`;
}

export const LINE_USER_ID_PATTERN = /^U[0-9a-f]{32}$/;
export const LINE_GROUP_ID_PATTERN = /^C[0-9a-f]{32}$/;
export const LINE_ROOM_ID_PATTERN = /^R[0-9a-f]{32}$/;
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
