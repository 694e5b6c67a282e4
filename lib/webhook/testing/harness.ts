// Integration-test harness for the chat: the LINE emulator sends its webhooks to the real intake
// (signature check, insert into the test database), the app's LINE clients point at the emulator,
// and `handlePending()` does what the worker does for every stored event.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { resetLineClients } from "@/lib/line/clients";
import { startTestEmulator, type TestEmulator } from "@/emulator/testing";
import { receiveLineWebhook } from "@/lib/webhook/intake";
import { createPgWebhookStore } from "@/lib/webhook/intake-store";
import { handleWebhookEvent } from "@/lib/webhook/handle-event";
import { closeTransactionalEnqueue } from "@/lib/webhook/enqueue-in-transaction";

export type ChatHarness = {
  emulator: TestEmulator;
  /** Handles every stored, unhandled event (as the worker would), oldest first. */
  handlePending(): Promise<string[]>;
  /** What the emulator recorded as sent to a user (reply, push …), oldest first. */
  sentTo(userId: string): Promise<{ endpoint: string; messages: { type: string; text?: string; altText?: string }[]; delivered: boolean; retryKey: string | null }[]>;
  /** A new simulated resident (a friend unless follow is false). */
  resident(displayName: string, options?: { follow?: boolean; language?: string }): Promise<string>;
  close(): Promise<void>;
};

export async function startChatHarness(db: Db, databaseUrl: string, options: { friends?: number } = {}): Promise<ChatHarness> {
  const store = createPgWebhookStore({ connectionString: databaseUrl, poolSize: 4 });
  let emulator: TestEmulator;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const result = await receiveLineWebhook(new Uint8Array(Buffer.concat(chunks)), (req.headers["x-line-signature"] as string) ?? null, store);
      res.writeHead(result.status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  emulator = await startTestEmulator({
    webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/line/webhook`,
    friends: options.friends ?? 0,
    config: { allowLocalhostHttp: true },
  });
  Object.assign(process.env, emulator.env, { DATABASE_URL: databaseUrl });
  resetEnvCache();
  resetLineClients();

  return {
    emulator,
    async handlePending() {
      const events = await db.webhookEvent.findMany({ where: { status: "RECEIVED" }, orderBy: [{ occurredAt: "asc" }, { receivedAt: "asc" }], select: { id: true } });
      const outcomes: string[] = [];
      for (const { id } of events) outcomes.push((await handleWebhookEvent(db, { eventId: id })).outcome ?? "");
      return outcomes;
    },
    async sentTo(userId) {
      const response = await emulator.admin("GET", `/messages?userId=${userId}&limit=100`);
      return (response.json.rows ?? response.json.messages ?? []) as never;
    },
    async resident(displayName, { follow = true, language } = {}) {
      const response = await emulator.admin("POST", "/residents", { displayName, follow, friend: true, language });
      return response.json.resident.userId as string;
    },
    async close() {
      await emulator.close();
      await new Promise((r) => server.close(r));
      await store.close();
      await closeTransactionalEnqueue();
    },
  };
}
