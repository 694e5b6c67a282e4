// Fault injection, per endpoint (operationId) or for all endpoints ("*"). The request pipeline asks
// this module at exactly two points — before the request is processed and after it was accepted —
// so every failure mode a client must survive comes from one place:
//   - error:   500 before processing; nothing is accepted, a retry is safe and needed
//   - latency: the answer is delayed after processing (a client timeout then hides an acceptance)
//   - dropAfterAccept: the request is processed and recorded, then the connection is destroyed
//     without an answer — the case the retry key exists for (retrying-api-request)
//   - outage:  for N seconds every request fails before processing (500, dropped, or left hanging)
import type { Clock } from "./clock";

export type OutageMode = "error" | "drop" | "hang";

export type FaultSettings = {
  /** Probability (0..1) of answering 500 before processing. */
  errorRate?: number;
  /** The next N requests answer 500 before processing (deterministic for tests). */
  errorNext?: number;
  /** Delay (ms) added before the answer is written. */
  latencyMs?: number;
  /** Probability (0..1) of processing the request and then dropping the connection. */
  dropAfterAcceptRate?: number;
  /** The next N requests are processed, then their connections dropped. */
  dropAfterAcceptNext?: number;
  /** Until this time (emulator clock, ms) every request fails before processing. */
  outageUntil?: number;
  outageMode?: OutageMode;
};

export type FaultInput = Omit<FaultSettings, "outageUntil"> & { outageSeconds?: number };

export type BeforeDecision = { kind: "none" } | { kind: "error" } | { kind: "drop" } | { kind: "hang" };

export class FaultInjector {
  private faults = new Map<string, FaultSettings>();

  constructor(
    private clock: Clock,
    private random: () => number = Math.random,
  ) {}

  set(endpointId: string, input: FaultInput): FaultSettings {
    const { outageSeconds, ...rest } = input;
    const settings: FaultSettings = { ...rest };
    if (outageSeconds !== undefined && outageSeconds > 0) {
      settings.outageUntil = this.clock.now() + outageSeconds * 1000;
      settings.outageMode = input.outageMode ?? "error";
    }
    this.faults.set(endpointId, settings);
    return settings;
  }

  clear(endpointId?: string): void {
    if (endpointId === undefined) this.faults.clear();
    else this.faults.delete(endpointId);
  }

  list(): Record<string, FaultSettings> {
    return Object.fromEntries(this.faults);
  }

  get active(): boolean {
    return this.faults.size > 0;
  }

  /** Decides, before anything is processed, whether this request fails outright. */
  before(endpointId: string): BeforeDecision {
    for (const settings of this.settingsFor(endpointId)) {
      if (settings.outageUntil !== undefined) {
        if (this.clock.now() < settings.outageUntil) {
          const mode = settings.outageMode ?? "error";
          return { kind: mode === "error" ? "error" : mode };
        }
      }
      if (settings.errorNext && settings.errorNext > 0) {
        settings.errorNext -= 1;
        return { kind: "error" };
      }
      if (settings.errorRate && this.random() < settings.errorRate) return { kind: "error" };
    }
    return { kind: "none" };
  }

  /** After the request was accepted: whether to drop the connection instead of answering. */
  dropAfterAccept(endpointId: string): boolean {
    for (const settings of this.settingsFor(endpointId)) {
      if (settings.dropAfterAcceptNext && settings.dropAfterAcceptNext > 0) {
        settings.dropAfterAcceptNext -= 1;
        return true;
      }
      if (settings.dropAfterAcceptRate && this.random() < settings.dropAfterAcceptRate) return true;
    }
    return false;
  }

  latencyMs(endpointId: string): number {
    let total = 0;
    for (const settings of this.settingsFor(endpointId)) total += settings.latencyMs ?? 0;
    return total;
  }

  private settingsFor(endpointId: string): FaultSettings[] {
    const result: FaultSettings[] = [];
    const own = this.faults.get(endpointId);
    if (own) result.push(own);
    const all = this.faults.get("*");
    if (all) result.push(all);
    return result;
  }
}
