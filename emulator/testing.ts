// Helpers for tests that run the emulator in-process on a random port.
import http from "node:http";
import { deflateSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from "./server";

export type ApiResponse = { status: number; headers: Headers; json: any; text: string };

export type TestEmulator = RunningEmulator & {
  token: string;
  /** A Messaging API call with the channel access token. */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  /** An admin API call (/__emulator/…). */
  admin(method: string, path: string, body?: unknown): Promise<ApiResponse>;
};

export async function request(url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) (init.headers as Record<string, string>)["content-type"] = "application/json";
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

/** Starts an emulator on port 0. Webhooks are off unless a webhook URL is given. */
export async function startTestEmulator(options: StartEmulatorOptions = {}): Promise<TestEmulator> {
  const running = await startEmulator({
    port: 0,
    host: "127.0.0.1",
    ...options,
    // Tests parse on the main thread unless they ask for the parser thread (parse-thread.test.ts does).
    config: { parseThread: false, ...options.config, webhook: { active: options.webhookUrl !== undefined, ...options.config?.webhook } },
  });
  const token = running.env.LINE_CHANNEL_ACCESS_TOKEN!;
  return Object.assign(running, {
    token,
    api: (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      request(`${running.url}${path}`, method, body, { authorization: `Bearer ${token}`, ...headers }),
    admin: (method: string, path: string, body?: unknown) => request(`${running.url}/__emulator${path}`, method, body),
  }) as TestEmulator;
}

export type ReceivedWebhook = { headers: http.IncomingHttpHeaders; body: Buffer; json: any; at: number };

/** A stand-in for the app's webhook route: records what arrives and answers as told. */
export async function startWebhookReceiver(
  respond: (received: ReceivedWebhook) => { status?: number; delayMs?: number } | void = () => {},
): Promise<{ url: string; received: ReceivedWebhook[]; close(): Promise<void>; waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]> }> {
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      let json: unknown;
      try {
        json = JSON.parse(body.toString("utf8"));
      } catch {
        json = undefined;
      }
      const entry = { headers: req.headers, body, json, at: Date.now() };
      received.push(entry);
      const answer = respond(entry) ?? {};
      const finish = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status ?? 200, { "content-type": "text/plain" });
        res.end("OK");
      };
      if (answer.delayMs) setTimeout(finish, answer.delayMs);
      else finish();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/line/webhook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    async waitFor(count: number, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      return received;
    },
  };
}

/** A PNG of the given size (light gray), for rich menu images. */
export function makePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const raw = Buffer.alloc((width + 1) * height, 0xee);
  for (let y = 0; y < height; y++) raw[y * (width + 1)] = 0; // filter byte "none"
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

function crc32(data: Buffer): number {
  let crc = -1;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ -1) >>> 0;
}
