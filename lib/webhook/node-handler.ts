// The webhook on Node's own request/response: read the raw body (capped), hand it to
// receiveLineWebhook, answer with its status. Served by pages/api/line/webhook.ts in the app, and
// by plain node:http servers in tests.
import type { IncomingMessage, ServerResponse } from "node:http";
import { receiveLineWebhook, WEBHOOK_MAX_BODY_BYTES, type WebhookStore } from "@/lib/webhook/intake";

/** The raw body, or null once it exceeds the limit (the rest is drained, never buffered). */
export function readRawBody(request: IncomingMessage, limit = WEBHOOK_MAX_BODY_BYTES): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on("end", () => resolve(size > limit ? null : Buffer.concat(chunks, size)));
    request.on("error", reject);
  });
}

export async function handleLineWebhook(
  request: IncomingMessage,
  response: ServerResponse,
  store: WebhookStore,
  options: Parameters<typeof receiveLineWebhook>[3] = {},
): Promise<void> {
  if (request.method !== "POST") {
    response.writeHead(405, { allow: "POST" }).end();
    return;
  }
  const raw = await readRawBody(request);
  if (raw === null) {
    response.writeHead(413).end();
    return;
  }
  const signature = request.headers["x-line-signature"];
  const result = await receiveLineWebhook(raw, typeof signature === "string" ? signature : null, store, options);
  response.writeHead(result.status).end(result.body || undefined);
}
