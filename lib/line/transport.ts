// The HTTP transport under @line/bot-sdk in the worker. The SDK sends every request with the global
// `fetch` (its http-fetch.js; it takes no fetch or agent option), and Node's fetch costs ~1 ms of CPU
// per 18 kB multicast — web streams, body copies, its wasm HTTP parser — so a worker on a 2-core
// machine could not reach LINE's 2,000 multicasts a second (docs/benchmarks.md, bench:broadcast). This
// is a `fetch` for the LINE API's origin over node:http(s) with keep-alive connections, answering with
// a real `Response`: the SDK still builds every request, reads every answer and throws its
// HTTPFetchError as before; only the bytes travel a cheaper way (`npm run bench:line-client`: 0.54
// against 1.08 ms of CPU per multicast, docs/benchmarks.md). The worker uses it for delivery's
// multicasts only (withLineTransport); everything else keeps Node's fetch.
//
// What it does not handle goes to the original fetch unchanged: other origins (api-data.line.me's
// downloads and uploads, anything not LINE), Request objects, and bodies that are not a string or
// bytes (FormData, Blob, streams).
import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import https from "node:https";

type Fetch = typeof globalThis.fetch;

export type LineTransportOptions = {
  /** Origins (scheme://host:port) whose requests this transport carries. */
  origins: string[];
  /** Connections kept per origin; requests beyond this wait for a free one. */
  maxSockets?: number;
  /** The fetch everything else goes to. */
  fallback?: Fetch;
  /** TLS options for https origins (tests pass their own CA; LINE needs none). */
  tls?: Pick<https.AgentOptions, "ca">;
  /**
   * A request whose connection stays silent this long is abandoned and its connection closed (fetch's
   * TypeError, so the caller retries with the same key). Node's fetch has its own limits; without this
   * a server that never answers would keep the connection busy for good.
   */
  requestTimeoutMs?: number;
};

/** Also the delivery lanes' own limit for a multicast (lib/delivery/send-lane.ts REQUEST_TIMEOUT_MS). */
export const TRANSPORT_REQUEST_TIMEOUT_MS = 20_000;

/** A fetch that carries requests to `origins` over keep-alive node:http(s) connections. */
export function createLineTransport(options: LineTransportOptions): Fetch {
  const fallback = options.fallback ?? globalThis.fetch;
  const origins = new Set(options.origins.map((o) => new URL(o).origin));
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 64,
    // Close an idle connection before a server's usual 5 s keep-alive timeout does, so a request is
    // rarely written to a socket the other side is closing.
    timeout: 4_000,
    scheduling: "lifo" as const,
  };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent({ ...agentOptions, ...options.tls });
  const timeoutMs = options.requestTimeoutMs ?? TRANSPORT_REQUEST_TIMEOUT_MS;

  const transport = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (input instanceof Request) return fallback(input, init);
    const url = input instanceof URL ? input : new URL(input);
    const body = init?.body;
    const simpleBody = body === undefined || body === null || typeof body === "string" || body instanceof Uint8Array;
    if (!origins.has(url.origin) || !simpleBody) return fallback(input, init);
    return send(url, init ?? {}, body as string | Uint8Array | null | undefined, url.protocol === "https:" ? httpsAgent : httpAgent, timeoutMs, true);
  };
  return transport as Fetch;
}

function requestHeaders(init: RequestInit, body: string | Uint8Array | null | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  const given = init.headers;
  if (given && !(given instanceof Headers) && !Array.isArray(given)) {
    // The SDK's shape: a plain object. Keys are sent as written (HTTP header names are case-insensitive).
    for (const [name, value] of Object.entries(given)) if (value !== undefined) headers[name.toLowerCase()] = String(value);
  } else if (given) {
    new Headers(given).forEach((value, name) => (headers[name] = value));
  }
  if (body !== undefined && body !== null) headers["content-length"] = String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
  return headers;
}

function send(url: URL, init: RequestInit, body: string | Uint8Array | null | undefined, agent: http.Agent, timeoutMs: number, mayRetry: boolean): Promise<Response> {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(signal.reason ?? new DOMException("This operation was aborted", "AbortError"));
  const method = (init.method ?? "GET").toUpperCase();
  return new Promise<Response>((resolve, reject) => {
    const request = (url.protocol === "https:" ? https : http).request(
      { protocol: url.protocol, hostname: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method, agent, headers: requestHeaders(init, body), signal, timeout: timeoutMs },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", (error) => reject(fetchFailed(error)));
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          const headers = new Headers();
          const raw = response.rawHeaders;
          for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
          const nullBody = method === "HEAD" || status === 204 || status === 205 || status === 304;
          try {
            resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, statusText: response.statusMessage ?? "", headers }));
          } catch (error) {
            // A status outside 200–599: fetch would fail as well.
            reject(fetchFailed(error as Error));
          }
        });
      },
    );
    // Silence for timeoutMs (no byte sent or received): close the connection; "error" below rejects.
    request.on("timeout", () => request.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: "ETIMEDOUT" })));
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error.name === "AbortError") {
        reject(signal?.reason ?? error);
        return;
      }
      // The server closed a kept-alive connection just as this request was written to it: nothing
      // reached it, so sending once more on a new connection is safe (Node's documented remedy).
      if (mayRetry && request.reusedSocket && error.code === "ECONNRESET") {
        send(url, init, body, agent, timeoutMs, false).then(resolve, reject);
        return;
      }
      reject(fetchFailed(error));
    });
    request.end(body ?? undefined);
  });
}

/** As fetch fails: a TypeError whose cause is the network error. */
function fetchFailed(cause: Error): TypeError {
  return new TypeError("fetch failed", { cause });
}

let installed: { fetch: Fetch; original: Fetch } | null = null;
const scope = new AsyncLocalStorage<boolean>();

/**
 * Lets calls made inside `withLineTransport` use the keep-alive transport for the LINE API's origin
 * (the worker calls this once at start). Every other fetch — the chat's replies and pushes, profiles,
 * rich menus — keeps the original fetch: only the bulk path that needs the speed, and that has its own
 * timeout and retry with the same key (lib/delivery/send-lane.ts), goes the new way.
 */
export function useLineTransport(options: Omit<LineTransportOptions, "fallback">): void {
  if (installed && globalThis.fetch === installed.fetch) globalThis.fetch = installed.original;
  const original = globalThis.fetch;
  const transport = createLineTransport({ ...options, fallback: original });
  const routed = ((input: string | URL | Request, init?: RequestInit) => (scope.getStore() ? transport(input, init) : original(input, init))) as Fetch;
  globalThis.fetch = routed;
  installed = { fetch: routed, original };
}

/** Runs `call` (a @line/bot-sdk call) over the keep-alive transport, if useLineTransport installed it. */
export function withLineTransport<T>(call: () => Promise<T>): Promise<T> {
  return scope.run(true, call);
}

/** Puts the original fetch back (tests). */
export function stopLineTransport(): void {
  if (installed && globalThis.fetch === installed.fetch) globalThis.fetch = installed.original;
  installed = null;
}
