// Webhook deliveries, emulator → app, the way the LINE Platform sends them (FACTS.md §1):
//  - `x-line-signature` = base64(HMAC-SHA256(channel secret, the exact bytes sent));
//  - `User-Agent: LineBotWebhook/2.0`, `Content-Type: application/json; charset=utf-8`;
//  - no answer within 2 seconds → request_timeout; non-2xx → error_status_code; refused → could_not_connect
//    (the reasons of LINE's webhook error statistics);
//  - optional redelivery of failed events with the same webhookEventId and isRedelivery=true, and
//    optional duplicates, so the app's idempotency is exercised.
import http from "node:http";
import https from "node:https";
import { createHmac } from "node:crypto";
import type { WebhookSettings } from "../config";

export type WebhookEvent = Record<string, unknown> & { webhookEventId?: string; deliveryContext?: { isRedelivery: boolean } };

export type DeliveryReason = "ok" | "could_not_connect" | "request_timeout" | "error_status_code" | "unclassified" | "inactive";

export type DeliveryResult = {
  id: number;
  at: string;
  url: string;
  /** What this delivery was: new events, a redelivery, an injected duplicate, a raw body, a verify. */
  kind: "events" | "redelivery" | "duplicate" | "raw" | "verify";
  webhookEventIds: string[];
  eventTypes: string[];
  attempt: number;
  statusCode: number;
  reason: DeliveryReason;
  latencyMs: number;
  detail?: string;
  bodyBytes: number;
  /** The first 4 KB of the body sent, for inspection. */
  body: string;
};

export const WEBHOOK_USER_AGENT = "LineBotWebhook/2.0";
const MAX_RESULTS = 5000;

export function signWebhookBody(channelSecret: string, body: Buffer): string {
  return createHmac("sha256", channelSecret).update(body).digest("base64");
}

type SenderDeps = {
  settings(): WebhookSettings;
  channelSecret(): string;
  botUserId(): string;
  now(): number;
  onResult(result: DeliveryResult): void;
};

export class WebhookSender {
  private results: DeliveryResult[] = [];
  private nextId = 1;
  private timers = new Set<NodeJS.Timeout>();
  private pending = new Set<Promise<unknown>>();
  private agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

  constructor(
    private deps: SenderDeps,
    private random: () => number = Math.random,
  ) {}

  list(options: { limit?: number; afterId?: number } = {}): DeliveryResult[] {
    const after = options.afterId ?? 0;
    const rows = this.results.filter((r) => r.id > after);
    return rows.slice(-(options.limit ?? 200));
  }

  clear(): void {
    this.results = [];
  }

  /** Sends events as one webhook request; resolves when the app answered (or failed). */
  sendEvents(events: WebhookEvent[], options: { url?: string } = {}): Promise<DeliveryResult> {
    return this.track(this.deliver(events, "events", 1, options.url));
  }

  /** The console's "Verify": `{"destination": …, "events": []}` (verify-webhook-url docs). */
  sendVerify(url?: string): Promise<DeliveryResult> {
    return this.track(this.deliver([], "verify", 1, url));
  }

  /** Posts `body` byte for byte (tests replay recorded bodies), signed unless a signature is given. */
  sendRaw(body: Buffer, options: { url?: string; signature?: string } = {}): Promise<DeliveryResult> {
    return this.track(this.post(body, options.url ?? this.deps.settings().url, "raw", [], [], 1, options.signature));
  }

  /** Waits for every delivery in flight (tests, shutdown). Scheduled redeliveries are not waited for. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
    return promise;
  }

  private bodyFor(events: WebhookEvent[]): Buffer {
    return Buffer.from(JSON.stringify({ destination: this.deps.botUserId(), events }), "utf8");
  }

  private async deliver(events: WebhookEvent[], kind: DeliveryResult["kind"], attempt: number, url?: string): Promise<DeliveryResult> {
    const settings = this.deps.settings();
    const target = url ?? settings.url;
    const ids = events.map((e) => String(e.webhookEventId ?? ""));
    const types = events.map((e) => String(e.type));
    if (!settings.active && url === undefined) {
      return this.record({ url: target, kind, webhookEventIds: ids, eventTypes: types, attempt, statusCode: 0, reason: "inactive", latencyMs: 0, detail: "webhook is not active", bodyBytes: 0, body: "" });
    }
    const body = this.bodyFor(events);
    const result = await this.post(body, target, kind, ids, types, attempt);
    if (result.reason !== "ok" && settings.redelivery.enabled && events.length > 0 && kind !== "verify") {
      this.scheduleRedelivery(events, attempt, settings);
    } else if (result.reason === "ok" && events.length > 0 && kind === "events") {
      // Injected duplicates: the same bytes again, or a redelivery LINE makes after losing the answer.
      if (settings.duplicateRate > 0 && this.random() < settings.duplicateRate) {
        void this.track(this.post(body, target, "duplicate", ids, types, attempt));
      }
      if (settings.spuriousRedeliveryRate > 0 && this.random() < settings.spuriousRedeliveryRate) {
        void this.track(this.deliver(asRedelivery(events), "redelivery", attempt + 1, url));
      }
    }
    return result;
  }

  private scheduleRedelivery(events: WebhookEvent[], attempt: number, settings: WebhookSettings): void {
    const delay = settings.redelivery.delaysMs[attempt - 1];
    if (delay === undefined) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.track(this.deliver(asRedelivery(events), "redelivery", attempt + 1));
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  private post(body: Buffer, url: string, kind: DeliveryResult["kind"], ids: string[], types: string[], attempt: number, signature?: string): Promise<DeliveryResult> {
    const settings = this.deps.settings();
    const started = performance.now();
    const base = { url, kind, webhookEventIds: ids, eventTypes: types, attempt, bodyBytes: body.length, body: body.subarray(0, 4096).toString("utf8") };
    return new Promise<DeliveryResult>((resolve) => {
      let settled = false;
      const finish = (statusCode: number, reason: DeliveryReason, detail?: string) => {
        if (settled) return;
        settled = true;
        resolve(this.record({ ...base, statusCode, reason, detail, latencyMs: Math.round((performance.now() - started) * 10) / 10 }));
      };
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        finish(0, "could_not_connect", `invalid URL: ${url}`);
        return;
      }
      const transport = target.protocol === "https:" ? https : http;
      const request = transport.request(target, {
        method: "POST",
        agent: target.protocol === "https:" ? this.agents.https : this.agents.http,
        headers: {
          "content-type": "application/json; charset=utf-8",
          "content-length": body.length,
          "user-agent": WEBHOOK_USER_AGENT,
          "x-line-signature": signature ?? signWebhookBody(this.deps.channelSecret(), body),
        },
      });
      const timer = setTimeout(() => {
        finish(0, "request_timeout", `no response within ${settings.timeoutMs} ms`);
        request.destroy();
      }, settings.timeoutMs);
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => {
          if (chunks.length < 8) chunks.push(chunk);
        });
        response.on("end", () => {
          clearTimeout(timer);
          const status = response.statusCode ?? 0;
          const text = Buffer.concat(chunks).subarray(0, 500).toString("utf8");
          finish(status, status >= 200 && status < 300 ? "ok" : "error_status_code", text || undefined);
        });
        response.on("error", (error) => {
          clearTimeout(timer);
          finish(status(response.statusCode), "unclassified", error.message);
        });
      });
      request.on("error", (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const refused = ["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ECONNRESET", "EAI_AGAIN"].includes(error.code ?? "");
        finish(0, refused ? "could_not_connect" : "unclassified", error.code ?? error.message);
      });
      request.end(body);
    });
  }

  private record(result: Omit<DeliveryResult, "id" | "at">): DeliveryResult {
    const full: DeliveryResult = { id: this.nextId++, at: new Date(this.deps.now()).toISOString(), ...result };
    this.results.push(full);
    if (this.results.length > MAX_RESULTS) this.results.splice(0, this.results.length - MAX_RESULTS);
    this.deps.onResult(full);
    return full;
  }
}

function status(code: number | undefined): number {
  return code ?? 0;
}

/** Redelivered events keep their webhookEventId; only deliveryContext.isRedelivery changes. */
function asRedelivery(events: WebhookEvent[]): WebhookEvent[] {
  return events.map((event) => ({ ...event, deliveryContext: { isRedelivery: true } }));
}
