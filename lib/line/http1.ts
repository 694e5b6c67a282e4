// HTTP/1.1 over kept-alive TCP or TLS connections, for the LINE transport (transport.ts): one request
// at a time per connection, the request written in one piece, the answer parsed here. Node's
// http.request costs about twice the CPU per multicast of this (ClientRequest, IncomingMessage and
// their streams for an 18 kB request and a 2-byte answer; `npm run bench:line-client`), and the
// worker sends up to 2,000 of them a second on a machine it shares with PostgreSQL.
//
// What it speaks: requests with a string or byte body and Content-Length; answers with Content-Length,
// chunked transfer coding, or a body that ends with the connection; no body for HEAD, 1xx, 204 and
// 304; "Connection: close" honoured. It sends no Accept-Encoding, so answers come uncompressed. It
// does not pipeline and does not follow redirects (LINE's API answers none).
import net from "node:net";
import tls from "node:tls";

export type Http1Answer = { status: number; statusText: string; headers: [string, string][]; body: Buffer | null };

export type Http1Request = {
  method: string;
  /** Path and query. */
  path: string;
  /** Header names and values as given (Host and Content-Length are added). */
  headers: [string, string][];
  body: string | Uint8Array | null;
  signal?: AbortSignal;
};

export type Http1PoolOptions = {
  protocol: "http:" | "https:";
  hostname: string;
  port: number;
  /** Connections at most; requests beyond wait for a free one. */
  maxConnections: number;
  /** Silence during a request after which it fails (ETIMEDOUT) and its connection is closed. */
  requestTimeoutMs: number;
  /** An idle connection is closed after this long (before a server's usual 5 s keep-alive timeout). */
  idleTimeoutMs: number;
  tls?: Pick<tls.ConnectionOptions, "ca">;
};

const CRLF_CRLF = Buffer.from("\r\n\r\n");
const CRLF = Buffer.from("\r\n");
/** A header block larger than this is refused (Node's own limit is 16 kB). */
const MAX_HEAD_BYTES = 64 * 1024;

function codeError(message: string, code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/** Answers as they arrive on one connection: the head, then the body by its framing. */
class AnswerParser {
  private pending: Buffer | null = null;
  private state: "head" | "length" | "chunk-size" | "chunk-data" | "chunk-end" | "trailers" | "close" | "done" = "head";
  private remaining = 0;
  private parts: Buffer[] = [];
  private answer: Http1Answer | null = null;
  keepAlive = true;

  constructor(private readonly method: string) {}

  /** Feeds bytes; returns the answer once complete. Throws on a malformed answer. */
  push(chunk: Buffer): Http1Answer | null {
    let data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    for (;;) {
      switch (this.state) {
        case "head": {
          const end = data.indexOf(CRLF_CRLF);
          if (end < 0) {
            if (data.length > MAX_HEAD_BYTES) throw codeError("answer header too large", "HPE_HEADER_OVERFLOW");
            this.pending = data;
            return null;
          }
          const informational = this.readHead(data.toString("latin1", 0, end));
          data = data.subarray(end + 4);
          if (informational) continue;
          break;
        }
        // `remaining` bytes of body: the whole of a Content-Length answer, or one chunk.
        case "length":
        case "chunk-data": {
          const take = Math.min(this.remaining, data.length);
          if (take > 0) this.parts.push(data.subarray(0, take));
          this.remaining -= take;
          data = data.subarray(take);
          if (this.remaining > 0) return null;
          this.state = this.state === "length" ? "done" : "chunk-end";
          break;
        }
        case "chunk-size": {
          const end = data.indexOf(CRLF);
          if (end < 0) {
            if (data.length > 1024) throw codeError("bad chunk size", "HPE_INVALID_CHUNK_SIZE");
            this.pending = data;
            return null;
          }
          const text = data.toString("latin1", 0, end).split(";")[0]!.trim();
          const size = /^[0-9a-fA-F]{1,12}$/.test(text) ? Number.parseInt(text, 16) : NaN;
          if (!Number.isFinite(size) || size < 0) throw codeError("bad chunk size", "HPE_INVALID_CHUNK_SIZE");
          data = data.subarray(end + 2);
          this.remaining = size;
          this.state = size === 0 ? "trailers" : "chunk-data";
          break;
        }
        case "chunk-end": {
          if (data.length < 2) {
            this.pending = data.length > 0 ? data : null;
            return null;
          }
          if (data[0] !== 13 || data[1] !== 10) throw codeError("bad chunk end", "HPE_STRICT");
          data = data.subarray(2);
          this.state = "chunk-size";
          break;
        }
        case "trailers": {
          // Trailer fields (ignored) end with an empty line.
          const end = data.indexOf(CRLF);
          if (end < 0) {
            this.pending = data.length > 0 ? data : null;
            return null;
          }
          data = data.subarray(end + 2);
          if (end === 0) this.state = "done";
          break;
        }
        case "close":
          if (data.length > 0) this.parts.push(data);
          return null;
        case "done":
          break;
      }
      if (this.state === "done") {
        // Anything after a complete answer was not asked for: do not reuse this connection.
        if (data.length > 0) this.keepAlive = false;
        return this.finish();
      }
    }
  }

  /** The connection ended: completes an answer whose body runs to the end, else null. */
  end(): Http1Answer | null {
    if (this.state === "close") return this.finish();
    return null;
  }

  private finish(): Http1Answer {
    const answer = this.answer!;
    if (answer.body !== null) answer.body = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    this.state = "done";
    return answer;
  }

  /** Reads a head; true when it was an interim (1xx) answer and the real one follows. */
  private readHead(head: string): boolean {
    const lines = head.split("\r\n");
    const statusLine = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/.exec(lines[0]!);
    if (!statusLine) throw codeError(`bad status line: ${JSON.stringify(lines[0]!.slice(0, 80))}`, "HPE_INVALID_CONSTANT");
    const status = Number(statusLine[2]);
    if (status >= 100 && status < 200 && status !== 101) return true;
    const headers: [string, string][] = [];
    let length: number | null = null;
    let chunked = false;
    let connection = statusLine[1] === "0" ? "close" : "keep-alive";
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(":");
      if (colon <= 0) throw codeError("bad header line", "HPE_INVALID_HEADER_TOKEN");
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      headers.push([name, value]);
      const lower = name.toLowerCase();
      if (lower === "content-length") {
        const n = Number(value);
        if (!Number.isSafeInteger(n) || n < 0 || (length !== null && length !== n)) throw codeError("bad content-length", "HPE_INVALID_CONTENT_LENGTH");
        length = n;
      } else if (lower === "transfer-encoding") chunked = value.toLowerCase().split(",").map((s) => s.trim()).includes("chunked");
      else if (lower === "connection") connection = value.toLowerCase();
    }
    this.keepAlive = !connection.split(",").some((token) => token.trim() === "close");
    const noBody = this.method === "HEAD" || status === 204 || status === 304;
    this.answer = { status, statusText: statusLine[3] ?? "", headers, body: noBody ? null : Buffer.alloc(0) };
    if (noBody) this.state = "done";
    else if (chunked) this.state = "chunk-size";
    else if (length !== null) {
      this.remaining = length;
      this.state = length === 0 ? "done" : "length";
    } else {
      this.state = "close";
      this.keepAlive = false;
    }
    return false;
  }
}

type Exchange = {
  parser: AnswerParser;
  resolve: (answer: Http1Answer) => void;
  reject: (error: Error) => void;
};

/** One kept-alive connection. */
class Connection {
  readonly socket: net.Socket;
  /** Requests sent on it so far (a reused connection may have been closed by the server meanwhile). */
  uses = 0;
  closed = false;
  /** Whether any byte of an answer to the latest request arrived (kept after the request has ended). */
  answerStarted = false;
  private exchange: Exchange | null = null;
  private error: Error | null = null;

  constructor(
    private readonly pool: Http1Pool,
    options: Http1PoolOptions,
  ) {
    const host = options.hostname.replace(/^\[(.*)\]$/, "$1");
    this.socket =
      options.protocol === "https:"
        ? tls.connect({ host, port: options.port, ...(net.isIP(host) ? {} : { servername: host }), ALPNProtocols: ["http/1.1"], ...options.tls })
        : net.connect({ host, port: options.port });
    this.socket.setNoDelay(true);
    this.socket.on("data", (chunk: Buffer) => this.onData(chunk));
    this.socket.on("error", (error) => (this.error ??= error));
    this.socket.on("timeout", () => {
      if (this.exchange) this.socket.destroy(codeError(`no answer within ${options.requestTimeoutMs} ms`, "ETIMEDOUT"));
      else this.socket.destroy();
    });
    this.socket.on("close", () => this.onClose());
  }

  /** Sends one request; the answer, or the connection's error. */
  send(head: string, body: Uint8Array | null, method: string, timeoutMs: number): Promise<Http1Answer> {
    this.uses++;
    this.answerStarted = false;
    this.socket.setTimeout(timeoutMs);
    return new Promise<Http1Answer>((resolve, reject) => {
      this.exchange = { parser: new AnswerParser(method), resolve, reject };
      // One write of both (corked: a single writev), the body's bytes not copied again.
      this.socket.cork();
      this.socket.write(head);
      if (body && body.byteLength > 0) this.socket.write(body);
      this.socket.uncork();
    });
  }

  destroy(error?: Error): void {
    this.socket.destroy(error);
  }

  private onData(chunk: Buffer): void {
    const exchange = this.exchange;
    if (!exchange) {
      // Bytes nobody asked for: this connection can no longer be trusted.
      this.socket.destroy();
      return;
    }
    this.answerStarted = true;
    let answer: Http1Answer | null;
    try {
      answer = exchange.parser.push(chunk);
    } catch (error) {
      this.socket.destroy(error as Error);
      return;
    }
    if (!answer) return;
    this.exchange = null;
    if (exchange.parser.keepAlive) this.pool.release(this);
    else {
      this.closed = true;
      this.socket.end();
    }
    exchange.resolve(answer);
  }

  private onClose(): void {
    this.closed = true;
    const exchange = this.exchange;
    this.exchange = null;
    this.pool.forget(this);
    if (!exchange) return;
    const answer = this.error ? null : exchange.parser.end();
    if (answer) exchange.resolve(answer);
    else exchange.reject(this.error ?? codeError("socket hang up", "ECONNRESET"));
  }
}

/** Kept-alive connections to one origin. */
export class Http1Pool {
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private readonly waiting: { resolve: (connection: Connection) => void; reject: (error: Error) => void; signal?: AbortSignal; onAbort?: () => void }[] = [];
  private readonly host: string;

  constructor(private readonly options: Http1PoolOptions) {
    const defaultPort = options.protocol === "https:" ? 443 : 80;
    this.host = options.port === defaultPort ? options.hostname : `${options.hostname}:${options.port}`;
  }

  /** Sends a request; a kept-alive connection the server closed just before it is retried once on a new one. */
  async request(request: Http1Request): Promise<Http1Answer> {
    // A string body (the SDK's JSON) is encoded once: its length for Content-Length and the bytes sent
    // are the same pass (measuring the string, then writing head + string, went over it three times).
    const body = typeof request.body === "string" ? Buffer.from(request.body, "utf8") : request.body;
    const head = this.head(request.method, request.path, request.headers, body);
    for (let attempt = 0; ; attempt++) {
      const connection = await this.acquire(request.signal);
      const reused = connection.uses > 0;
      const onAbort = () => connection.destroy(abortError(request.signal!));
      request.signal?.addEventListener("abort", onAbort, { once: true });
      try {
        return await connection.send(head, body, request.method, this.options.requestTimeoutMs);
      } catch (error) {
        if (request.signal?.aborted) throw abortError(request.signal);
        // The server closed a kept-alive connection as this request was written to it, before any
        // byte of an answer: it did not take the request, so sending once more is safe (what Node's
        // http documents for a reused socket's ECONNRESET).
        const code = (error as NodeJS.ErrnoException).code;
        if (attempt === 0 && reused && !connection.answerStarted && (code === "ECONNRESET" || code === "EPIPE")) continue;
        throw error;
      } finally {
        request.signal?.removeEventListener("abort", onAbort);
      }
    }
  }

  /** A connection done with its answer: to the next waiting request, or idle. */
  release(connection: Connection): void {
    if (connection.closed) return;
    const next = this.waiting.shift();
    if (next) {
      if (next.onAbort) next.signal?.removeEventListener("abort", next.onAbort);
      next.resolve(connection);
      return;
    }
    connection.socket.setTimeout(this.options.idleTimeoutMs);
    // An idle connection does not keep the process alive (as Node's http.Agent does with its free sockets).
    connection.socket.unref();
    this.idle.push(connection);
  }

  /** A connection closed: make room for a waiting request. */
  forget(connection: Connection): void {
    this.all.delete(connection);
    const at = this.idle.indexOf(connection);
    if (at >= 0) this.idle.splice(at, 1);
    const next = this.waiting.shift();
    if (next) {
      if (next.onAbort) next.signal?.removeEventListener("abort", next.onAbort);
      next.resolve(this.open());
    }
  }

  /** Closes every connection (idle ones at once, busy ones fail). */
  close(): void {
    for (const connection of [...this.all]) connection.destroy();
  }

  private acquire(signal?: AbortSignal): Promise<Connection> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    // Last in, first out: the most recently used connection is the least likely to have been closed.
    while (this.idle.length > 0) {
      const connection = this.idle.pop()!;
      if (!connection.closed && !connection.socket.destroyed) {
        connection.socket.ref();
        return Promise.resolve(connection);
      }
    }
    if (this.all.size < this.options.maxConnections) return Promise.resolve(this.open());
    return new Promise<Connection>((resolve, reject) => {
      const waiter: (typeof this.waiting)[number] = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const at = this.waiting.indexOf(waiter);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(abortError(signal));
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.waiting.push(waiter);
    });
  }

  private open(): Connection {
    const connection = new Connection(this, this.options);
    this.all.add(connection);
    return connection;
  }

  private head(method: string, path: string, headers: [string, string][], body: Uint8Array | null): string {
    let head = `${method} ${path} HTTP/1.1\r\nHost: ${this.host}\r\n`;
    for (const [name, value] of headers) {
      // As fetch refuses them: no line breaks (header injection) and valid names.
      if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) throw new TypeError(`Invalid header name: ${JSON.stringify(name)}`);
      if (/[\r\n\0]/.test(value)) throw new TypeError(`Invalid header value for ${name}`);
      head += `${name}: ${value}\r\n`;
    }
    if (body !== null || method === "POST" || method === "PUT" || method === "PATCH") head += `Content-Length: ${body?.byteLength ?? 0}\r\n`;
    return `${head}\r\n`;
  }
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException("This operation was aborted", "AbortError");
}
