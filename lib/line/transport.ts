// The HTTP transport under @line/bot-sdk in the worker. The SDK sends every request with the global
// `fetch` (its http-fetch.js; it takes no fetch or agent option), and Node's fetch costs ~1 ms of CPU
// per 18 kB multicast — web streams, body copies, its wasm HTTP parser — so a worker on a 2-core
// machine could not reach LINE's 2,000 multicasts a second (docs/benchmarks.md, bench:broadcast). This
// is a `fetch` for the LINE API's origin over kept-alive HTTP/1.1 connections (http1.ts), answering
// with a Response-shaped object (TransportResponse below): the SDK still builds every request, reads
// every answer and throws its HTTPFetchError as before; only the bytes travel a cheaper way
// (`npm run bench:line-client`: 0.21 against 1.01 ms of CPU per multicast on Node's fetch; with the
// delivery lanes themselves about half the CPU of the node:http transport it replaced —
// docs/benchmarks.md). The worker uses it for delivery's multicasts only (withLineTransport);
// everything else keeps Node's fetch.
//
// What it does not handle goes to the original fetch unchanged: other origins (api-data.line.me's
// downloads and uploads, anything not LINE), Request objects, and bodies that are not a string or
// bytes (FormData, Blob, streams).
import { AsyncLocalStorage } from "node:async_hooks";
import type tls from "node:tls";
import { Http1Pool, type Http1Answer } from "@/lib/line/http1";

type Fetch = typeof globalThis.fetch;

export type LineTransportOptions = {
  /** Origins (scheme://host:port) whose requests this transport carries. */
  origins: string[];
  /** Connections kept per origin; requests beyond this wait for a free one. */
  maxSockets?: number;
  /** The fetch everything else goes to. */
  fallback?: Fetch;
  /** TLS options for https origins (tests pass their own CA; LINE needs none). */
  tls?: Pick<tls.ConnectionOptions, "ca">;
  /**
   * A request whose connection stays silent this long is abandoned and its connection closed (fetch's
   * TypeError, so the caller retries with the same key). Node's fetch has its own limits; without this
   * a server that never answers would keep the connection busy for good.
   */
  requestTimeoutMs?: number;
};

/** Also the delivery lanes' own limit for a multicast (lib/delivery/send-lane.ts REQUEST_TIMEOUT_MS). */
export const TRANSPORT_REQUEST_TIMEOUT_MS = 20_000;

/** A fetch that carries requests to `origins` over kept-alive HTTP/1.1 connections (http1.ts). */
export function createLineTransport(options: LineTransportOptions): Fetch {
  const fallback = options.fallback ?? globalThis.fetch;
  const pools = new Map<string, Http1Pool>();
  for (const origin of options.origins) {
    const url = new URL(origin);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`not an http(s) origin: ${origin}`);
    pools.set(
      url.origin,
      new Http1Pool({
        protocol: url.protocol,
        hostname: url.hostname,
        port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
        maxConnections: options.maxSockets ?? 64,
        requestTimeoutMs: options.requestTimeoutMs ?? TRANSPORT_REQUEST_TIMEOUT_MS,
        // Close an idle connection before a server's usual 5 s keep-alive timeout does, so a request is
        // rarely written to a connection the other side is closing.
        idleTimeoutMs: 4_000,
        tls: options.tls,
      }),
    );
  }

  const transport = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (input instanceof Request) return fallback(input, init);
    const url = input instanceof URL ? input : new URL(input);
    const body = init?.body;
    const simpleBody = body === undefined || body === null || typeof body === "string" || body instanceof Uint8Array;
    const pool = pools.get(url.origin);
    if (!pool || !simpleBody) return fallback(input, init);
    return send(pool, url, init ?? {}, (body ?? null) as string | Uint8Array | null);
  };
  return transport as Fetch;
}

function requestHeaders(init: RequestInit): [string, string][] {
  const given = init.headers;
  if (!given) return [];
  if (!(given instanceof Headers) && !Array.isArray(given)) {
    // The SDK's shape: a plain object. Names are sent as written (HTTP header names are case-insensitive).
    const headers: [string, string][] = [];
    for (const name in given) {
      const value = (given as Record<string, string | undefined>)[name];
      if (value !== undefined && name.toLowerCase() !== "content-length" && name.toLowerCase() !== "host") headers.push([name, String(value)]);
    }
    return headers;
  }
  const headers: [string, string][] = [];
  new Headers(given).forEach((value, name) => {
    if (name !== "content-length" && name !== "host") headers.push([name, value]);
  });
  return headers;
}

async function send(pool: Http1Pool, url: URL, init: RequestInit, body: string | Uint8Array | null): Promise<Response> {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) throw signal.reason ?? new DOMException("This operation was aborted", "AbortError");
  const method = (init.method ?? "GET").toUpperCase();
  let answer;
  try {
    answer = await pool.request({ method, path: `${url.pathname}${url.search}`, headers: requestHeaders(init), body, signal });
  } catch (error) {
    if (signal?.aborted || (error as Error).name === "AbortError" || error instanceof TypeError) throw error;
    throw fetchFailed(error as Error);
  }
  // A status outside 200–599: fetch fails as well.
  if (answer.status < 200 || answer.status > 599) throw fetchFailed(new RangeError(`status ${answer.status} is outside 200–599`));
  return new TransportResponse(answer, url.href) as unknown as Response;
}

/**
 * The answer as a `Response` reads to the SDK — status, ok, statusText, headers, text(), json(),
 * arrayBuffer() — without the web streams and header validation of undici's Response for an answer
 * that is already in memory: the lanes used 20–30 % less CPU with it than with `new Response`
 * (docs/benchmarks.md). Everything else (body, blob(), bytes(), formData(), clone()) comes from a real
 * Response made on first use.
 */
class TransportResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: TransportHeaders;
  readonly url: string;
  readonly redirected = false;
  readonly type = "basic";
  private data: Buffer | null;
  private used = false;
  private real: Response | null = null;

  constructor(answer: Http1Answer, url: string) {
    this.status = answer.status;
    this.statusText = answer.statusText;
    this.headers = new TransportHeaders(answer.headers);
    this.url = url;
    this.data = answer.body;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  get bodyUsed(): boolean {
    return this.used || (this.real?.bodyUsed ?? false);
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.toReal().body;
  }

  async text(): Promise<string> {
    if (this.real) return this.real.text();
    return this.take().toString("utf8");
  }

  async json(): Promise<unknown> {
    if (this.real) return this.real.json();
    return JSON.parse(this.take().toString("utf8"));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    if (this.real) return this.real.arrayBuffer();
    const data = this.take();
    return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  }

  bytes(): Promise<Uint8Array> {
    return this.toReal().bytes();
  }

  blob(): Promise<Blob> {
    return this.toReal().blob();
  }

  formData(): Promise<FormData> {
    return this.toReal().formData();
  }

  clone(): Response {
    return this.toReal().clone();
  }

  private take(): Buffer {
    if (this.used) throw new TypeError("Body is unusable: Body has already been read");
    this.used = true;
    return this.data ?? Buffer.alloc(0);
  }

  private toReal(): Response {
    if (!this.real) {
      if (this.used) throw new TypeError("Body is unusable: Body has already been read");
      const nullBody = this.status === 204 || this.status === 205 || this.status === 304;
      this.real = new Response(nullBody ? null : (this.data as BodyInit | null), { status: this.status, statusText: this.statusText, headers: this.headers.entriesList });
    }
    return this.real;
  }
}

/** The answer's headers as `Headers` reads them: names case-insensitive, repeated values joined. */
class TransportHeaders {
  constructor(readonly entriesList: [string, string][]) {}

  get(name: string): string | null {
    const lower = name.toLowerCase();
    let value: string | null = null;
    for (const [key, v] of this.entriesList) if (key.toLowerCase() === lower) value = value === null ? v : `${value}, ${v}`;
    return value;
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  getSetCookie(): string[] {
    return this.entriesList.filter(([key]) => key.toLowerCase() === "set-cookie").map(([, v]) => v);
  }

  forEach(callback: (value: string, name: string, headers: TransportHeaders) => void): void {
    for (const [name, value] of this.entries()) callback(value, name, this);
  }

  *entries(): IterableIterator<[string, string]> {
    const names = [...new Set(this.entriesList.map(([key]) => key.toLowerCase()))].sort();
    for (const name of names) yield [name, this.get(name)!];
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
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
