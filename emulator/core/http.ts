// Small HTTP vocabulary shared by the pipeline, the LINE endpoints and the admin API: what a handler
// receives, what it returns, and LINE's error body.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AcceptedRetryKey } from "./retry-keys";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export type RequestContext = {
  method: HttpMethod;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  headers: IncomingMessage["headers"];
  /** x-line-request-id of this request (also the narrowcast request id). */
  requestId: string;
  /** X-Line-Retry-Key, when the endpoint accepts one and the client sent it. */
  retryKey: string | null;
  /** The raw body bytes. */
  body: Buffer;
  /** The parsed JSON body for `body: "json"` routes. */
  json: unknown;
  /** The parsed form body for `body: "form"` routes. */
  form: URLSearchParams;
  /** What the route's `prepare` step produced (multicast: the parsed and checked body). */
  prepared?: unknown;
  raw: IncomingMessage;
};

export type Reply = {
  status: number;
  /** Serialized as JSON. */
  json?: unknown;
  /** Sent as is (binary content, HTML). */
  body?: Buffer | string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Set by send endpoints that accepted a request carrying a retry key. */
  acceptedRetryKey?: AcceptedRetryKey;
  /** Takes over the response (server-sent events). */
  stream?: (res: ServerResponse) => void;
};

/** `{message, details?}` — LINE's ErrorResponse (messaging-api.yml). */
export function lineError(status: number, message: string, details?: { message: string; property: string }[]): Reply {
  return { status, json: details && details.length > 0 ? { message, details } : { message } };
}

export function ok(json: unknown = {}, status = 200): Reply {
  return { status, json };
}

/** A handler's way to stop with an error reply from deep inside (validation helpers, lookups). */
export class ReplyError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

export function fail(status: number, message: string, details?: { message: string; property: string }[]): never {
  throw new ReplyError(lineError(status, message, details));
}

/** The channel-authenticated body types a route accepts. */
export type BodyKind = "none" | "json" | "form" | "raw" | "multipart";

/** Reads a request body up to `maxBytes`; resolves null when it is larger. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.on("error", reject);
  });
}

/** A multipart/form-data body (audience upload by file): fields and files by name. */
export function parseMultipart(body: Buffer, contentType: string): Map<string, { filename?: string; contentType?: string; data: Buffer }> {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const result = new Map<string, { filename?: string; contentType?: string; data: Buffer }>();
  if (!match) return result;
  const boundary = Buffer.from(`--${match[1] ?? match[2]}`);
  let position = body.indexOf(boundary);
  while (position >= 0) {
    const start = position + boundary.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const headerEnd = body.indexOf("\r\n\r\n", start);
    if (headerEnd < 0) break;
    const headers = body.subarray(start, headerEnd).toString("utf8");
    const next = body.indexOf(boundary, headerEnd + 4);
    if (next < 0) break;
    const data = body.subarray(headerEnd + 4, next - 2);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name !== undefined) {
      result.set(name, {
        filename: /filename="([^"]*)"/i.exec(headers)?.[1],
        contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim(),
        data,
      });
    }
    position = next;
  }
  return result;
}

/** "The request body could not be parsed as JSON (line: X, column: Y)" (reference, Error messages). */
export function jsonParseError(text: string, _error?: unknown): Reply {
  const offset = jsonErrorOffset(text);
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      column = 1;
    } else column++;
  }
  return lineError(400, `The request body could not be parsed as JSON (line: ${line}, column: ${column})`);
}

/**
 * Where JSON.parse gave up. V8's messages carry no position on Node 20, so this walks the text with a
 * minimal JSON grammar (only on the error path) and returns the offset of the first bad character.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === "\\") {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if ('"\\/bfnrt'.includes(text[i] ?? "")) i++;
        else fail();
      } else if (c.charCodeAt(0) < 0x20) fail();
      else i++;
    }
    fail();
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match || match[0] === "" || match[0] === "-") fail();
    i += match![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return;
        } else fail();
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '"') return string();
    if (c === "t") return literal("true");
    if (c === "f") return literal("false");
    if (c === "n") return literal("null");
    number();
  };
  try {
    value();
    ws();
    return i < text.length ? i : text.length;
  } catch (offset) {
    return typeof offset === "number" ? offset : 0;
  }
}
