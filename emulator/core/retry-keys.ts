// X-Line-Retry-Key bookkeeping (retrying-api-request): a request with a key runs at most once; a
// repeat of an accepted request within 24 hours gets 409 with the original request id. Only accepted
// (2xx) requests register their key — a 4xx or 500 leaves the key free for the retry.
import type { Clock } from "./clock";

export type AcceptedRetryKey = {
  requestId: string;
  acceptedAt: number;
  endpointId: string;
  /** push only: the 409 repeats the original sentMessages (retrying-api-request). */
  sentMessages?: { id: string; quoteToken?: string }[];
};

export class RetryKeyStore {
  private accepted = new Map<string, AcceptedRetryKey>();
  private lastSweep = 0;

  constructor(
    private clock: Clock,
    private ttlMs: () => number,
  ) {}

  find(key: string): AcceptedRetryKey | undefined {
    const entry = this.accepted.get(key);
    if (!entry) return undefined;
    if (this.clock.now() - entry.acceptedAt >= this.ttlMs()) {
      this.accepted.delete(key);
      return undefined;
    }
    return entry;
  }

  accept(key: string, entry: AcceptedRetryKey): void {
    this.accepted.set(key, entry);
    this.sweep();
  }

  get size(): number {
    return this.accepted.size;
  }

  entries(): [string, AcceptedRetryKey][] {
    return [...this.accepted];
  }

  load(entries: [string, AcceptedRetryKey][]): void {
    this.accepted = new Map(entries);
  }

  clear(): void {
    this.accepted.clear();
  }

  // Keys are inserted in acceptance order, so expired ones sit at the front of the Map.
  private sweep(): void {
    const now = this.clock.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    const ttl = this.ttlMs();
    for (const [key, entry] of this.accepted) {
      if (now - entry.acceptedAt < ttl) break;
      this.accepted.delete(key);
    }
  }
}
