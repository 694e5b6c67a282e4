// Starts the LINE Platform emulator in this process: one origin serving the api.line.me,
// api-data.line.me and LINE Login paths, the admin API (/__emulator/*) and the phone view (/).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_RESIDENT_COUNT } from "@/lib/demo/constants";
import { resolveConfig, type EmulatorConfigInput } from "./config";
import { lineEnvFor } from "./demo-channel";
import { LineEmulator, type EmulatorSnapshot } from "./emulator";
import type { DeliveryResult } from "./webhook/sender";
import { createRequestHandler } from "./core/pipeline";
import { Router, type Route } from "./core/router";
import type { Reply } from "./core/http";
import { adminRoute } from "./api/common";
import { adminRoutes } from "./api/admin";
import { audienceRoutes } from "./api/audiences";
import { channelRoutes } from "./api/channel";
import { loginRoutes } from "./api/login";
import { messagingRoutes } from "./api/messaging";
import { richMenuRoutes } from "./api/rich-menus";
import { userRoutes } from "./api/users";

export type StartEmulatorOptions = {
  /** Port to listen on; 0 picks a free one (tests). Default: LINE_EMULATOR_PORT's default, 4010. */
  port?: number;
  /**
   * Interface to listen on. "localhost" (default) listens on both 127.0.0.1 and ::1 so that every
   * client's idea of localhost works; the emulator has no auth and never listens beyond loopback
   * unless told to.
   */
  host?: string;
  /** The app's public URL (LIFF pages, default webhook). Default http://localhost:3000. */
  appUrl?: string;
  /** Where webhooks go. Default `${appUrl}/api/line/webhook`. */
  webhookUrl?: string;
  /** JSON file: loaded at start when it exists, saved on close (and by POST /__emulator/save). */
  stateFile?: string;
  /** Synthetic residents 1..N as friends. Default DEMO_RESIDENT_COUNT (the demo city). */
  friends?: number;
  /** Any other setting (rate limits, quota, TTLs, channel …). */
  config?: EmulatorConfigInput;
  /** Prints a line per notable event (deliveries, errors); silent when omitted. */
  log?: (line: string) => void;
};

export type RunningEmulator = {
  /** Base URL, e.g. "http://localhost:4010" — both LINE_API_BASE_URL and LINE_API_DATA_BASE_URL. */
  url: string;
  port: number;
  /** The app's LINE environment variables pointing at this emulator. */
  env: Record<string, string>;
  /** The emulated platform (state, clock, faults …) for in-process tests. */
  emulator: LineEmulator;
  /** Writes the state to `file` (default: the state file). */
  save(file?: string): void;
  /** Stops listening, saves the state file if one is configured, and releases timers. */
  close(): Promise<void>;
};

export const DEFAULT_EMULATOR_PORT = 4010;

/** Every LINE endpoint the emulator serves (the contract tests check them against LINE's specs). */
export function lineRoutes(emulator: LineEmulator): Route[] {
  return [
    ...messagingRoutes(emulator),
    ...userRoutes(emulator),
    ...richMenuRoutes(emulator),
    ...audienceRoutes(emulator),
    ...channelRoutes(emulator),
    ...loginRoutes(emulator),
  ];
}
const PHONE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "phone");
const STATIC_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

function staticFile(name: string): Reply {
  const safe = path.basename(name);
  const file = path.join(PHONE_DIR, safe);
  if (!existsSync(file)) return { status: 404, json: { error: "not found" } };
  return { status: 200, body: readFileSync(file), contentType: STATIC_TYPES[path.extname(safe)] ?? "application/octet-stream", headers: { "cache-control": "no-cache" } };
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const log = options.log ?? (() => {});
  let snapshot: EmulatorSnapshot | undefined;
  if (options.stateFile && existsSync(options.stateFile)) {
    snapshot = JSON.parse(readFileSync(options.stateFile, "utf8")) as EmulatorSnapshot;
    log(`state loaded from ${options.stateFile}`);
  }
  const input: EmulatorConfigInput = { ...snapshot?.config, ...options.config };
  if (options.appUrl) input.appUrl = options.appUrl;
  if (options.friends !== undefined) input.syntheticFriends = options.friends;
  const config = resolveConfig(input, { syntheticFriends: DEMO_RESIDENT_COUNT });
  if (options.webhookUrl) config.webhook.url = options.webhookUrl;
  else if (!options.config?.webhook?.url && !snapshot) config.webhook.url = `${config.appUrl}/api/line/webhook`;

  let emulator = await LineEmulator.create(config, snapshot);
  if (snapshot && options.friends !== undefined && options.friends !== emulator.friends.syntheticCount) emulator.friends.loadSynthetic(options.friends);

  let baseUrl = "";
  const hanging = new Set<http.IncomingMessage>();

  // Routes close over `current()` so that POST /__emulator/load can swap the state in place.
  const current = () => emulator;
  const buildRoutes = () => {
    const e = current();
    return [
      ...lineRoutes(e),
      ...adminRoutes(e, {
        baseUrl: () => baseUrl,
        stateFile: options.stateFile,
        load: async (next) => {
          const replacement = await LineEmulator.create(resolveConfig({ ...next.config }, { syntheticFriends: DEMO_RESIDENT_COUNT }), next);
          emulator.close();
          emulator = replacement;
          attachLog(emulator);
          rebuild();
        },
      }),
      adminRoute("phone", "GET", "/", () => staticFile("index.html")),
      adminRoute("phone.asset", "GET", "/__emulator/phone/{file}", (ctx) => staticFile(ctx.params.file!)),
    ];
  };
  let activeRouter = new Router();
  const rebuild = () => {
    const next = new Router();
    for (const route of buildRoutes()) next.add(route);
    activeRouter = next;
  };
  rebuild();

  const handler = createRequestHandler({
    get router() {
      return activeRouter;
    },
    get faults() {
      return emulator.faults;
    },
    get rateLimiter() {
      return emulator.rateLimiter;
    },
    get retryKeys() {
      return emulator.retryKeys;
    },
    isChannelToken: (token) => emulator.isChannelToken(token),
    isUserToken: (token) => emulator.isUserToken(token),
    onError: (error, route) => log(`error in ${route?.id ?? "request"}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    hanging,
  });

  const servers: http.Server[] = [];
  const listen = (host: string, port: number) =>
    new Promise<http.Server>((resolve, reject) => {
      const server = http.createServer({ keepAliveTimeout: 65_000, headersTimeout: 66_000, requestTimeout: 0 }, handler);
      server.once("error", reject);
      server.listen({ port, host }, () => {
        server.off("error", reject);
        resolve(server);
      });
    });

  const host = options.host ?? "localhost";
  const port = options.port ?? DEFAULT_EMULATOR_PORT;
  if (host === "localhost") {
    const v4 = await listen("127.0.0.1", port);
    servers.push(v4);
    const actual = (v4.address() as AddressInfo).port;
    try {
      servers.push(await listen("::1", actual));
    } catch {
      // No IPv6 loopback here (or the port is taken on it): 127.0.0.1 alone serves localhost.
    }
  } else {
    servers.push(await listen(host, port));
  }
  const actualPort = (servers[0]!.address() as AddressInfo).port;
  const urlHost = host === "localhost" || host === "127.0.0.1" || host === "::1" || host === "0.0.0.0" || host === "::" ? "localhost" : host;
  baseUrl = `http://${urlHost}:${actualPort}`;

  const attachLog = (e: LineEmulator) =>
    e.changes.on("delivery", (result: DeliveryResult) => {
      log(`webhook ${result.eventTypes.join(",") || "verify"} → ${result.url}: ${result.reason} ${result.statusCode || ""}`.trim());
    });
  attachLog(emulator);

  const save = (file?: string) => {
    const target = file ?? options.stateFile;
    if (!target) throw new Error("no state file configured");
    writeFileSync(target, JSON.stringify(emulator.snapshot()));
  };

  let closed = false;
  return {
    url: baseUrl,
    port: actualPort,
    get env() {
      return lineEnvFor(emulator.config.channel, baseUrl);
    },
    get emulator() {
      return emulator;
    },
    save,
    async close() {
      if (closed) return;
      closed = true;
      if (options.stateFile) save();
      for (const req of hanging) req.socket.destroy();
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
      emulator.close();
    },
  };
}
