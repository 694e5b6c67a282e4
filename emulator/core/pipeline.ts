// The one request pipeline every LINE endpoint goes through:
//   faults(before) → auth → rate limit → retry-key header → body → retry-key acceptance →
//   parse → handler (validates, acts, records) → retry-key registration → faults(after) → answer
// From reading the body on, nothing awaits, so two concurrent requests with the same retry key
// cannot both be accepted. Every answer carries x-line-request-id (messaging-api reference,
// "Response headers").
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultInjector } from "./faults";
import { InvalidProperty } from "../validation/issues";
import { ReplyError, jsonParseError, lineError, readBody, type HttpMethod, type Reply, type RequestContext } from "./http";
import { newRequestId, UUID_PATTERN } from "./ids";
import type { RateLimiter } from "./rate-limiter";
import type { RetryKeyStore } from "./retry-keys";
import type { Route, Router } from "./router";

/** "Request exceeds the max size of 2MB" (status codes table: 413). */
export const LINE_MAX_BODY_BYTES = 2 * 1024 * 1024;

// Wording of real 401 answers. The stored reference gives the pattern "Authentication failed due to
// the following reason: XXX"; the full sentences are as LINE returns them in practice.
export const MISSING_AUTHORIZATION = "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'";
export const INVALID_TOKEN = "Authentication failed due to the following reason: invalid token. Confirm that the access token in the authorization header is valid.";
/** Status codes table, 429: "The API rate limit has been exceeded. Try again later." (FACTS.md §2). */
export const RATE_LIMIT_EXCEEDED = "The API rate limit has been exceeded. Try again later.";
/** retrying-api-request: the body of a 409 for an already accepted retry key. */
export const RETRY_KEY_ACCEPTED = "The retry key is already accepted";

export type PipelineDeps = {
  router: Router;
  faults: FaultInjector;
  rateLimiter: RateLimiter;
  retryKeys: RetryKeyStore;
  /** Whether a bearer token may call channel endpoints. */
  isChannelToken(token: string): boolean;
  /** Whether a bearer token is a valid LINE Login / LIFF access token. */
  isUserToken(token: string): boolean;
  onError(error: unknown, route: Route | undefined): void;
  /** Sockets left hanging by an outage in "hang" mode, destroyed when the server closes. */
  hanging: Set<IncomingMessage>;
};

export function createRequestHandler(deps: PipelineDeps) {
  return function handleRequest(req: IncomingMessage, res: ServerResponse): void {
    void handle(deps, req, res).catch((error: unknown) => {
      deps.onError(error, undefined);
      if (!res.headersSent) send(res, "", lineError(500, "Internal server error"));
    });
  };
}

async function handle(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = newRequestId();
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const method = (req.method ?? "GET") as HttpMethod;
  const match = deps.router.match(method, path);
  if (match === undefined) {
    req.resume();
    return send(res, requestId, lineError(404, "Not found"));
  }
  if (match === "method") {
    req.resume();
    return send(res, requestId, lineError(405, "Method not allowed"));
  }
  const { route, params } = match;
  let query: URLSearchParams | undefined;
  const ctx: RequestContext = {
    method,
    path,
    // Most requests never read their query string: parse it on first use.
    get query() {
      query ??= new URLSearchParams(q < 0 ? "" : url.slice(q + 1));
      return query;
    },
    params,
    headers: req.headers,
    requestId,
    retryKey: null,
    body: EMPTY,
    json: undefined,
    form: EMPTY_FORM,
    raw: req,
  };

  if (route.kind === "admin") {
    const body = route.body === "none" ? EMPTY : await readBody(req, route.maxBodyBytes ?? 64 * 1024 * 1024);
    if (body === null) return send(res, requestId, lineError(413, "Request body too large"));
    ctx.body = body;
    if (route.body === "json" && body.length > 0) {
      const text = body.toString("utf8");
      try {
        ctx.json = JSON.parse(text);
      } catch (error) {
        return send(res, requestId, jsonParseError(text, error));
      }
    }
    return send(res, requestId, await runHandler(deps, route, ctx));
  }

  // ── faults, before anything is processed
  if (deps.faults.active) {
    const decision = deps.faults.before(route.id);
    if (decision.kind === "error") {
      req.resume();
      return send(res, requestId, lineError(500, "Internal server error"));
    }
    if (decision.kind === "drop") {
      req.socket.destroy();
      return;
    }
    if (decision.kind === "hang") {
      req.resume();
      deps.hanging.add(req);
      req.socket.once("close", () => deps.hanging.delete(req));
      return;
    }
  }

  // ── auth
  if (route.auth !== "none") {
    const header = req.headers.authorization;
    if (!header || !/^Bearer\s+\S/i.test(header)) {
      req.resume();
      return send(res, requestId, lineError(401, MISSING_AUTHORIZATION));
    }
    const token = header.slice(header.indexOf(" ") + 1).trim();
    const valid = route.auth === "channel" ? deps.isChannelToken(token) : deps.isUserToken(token);
    if (!valid) {
      req.resume();
      if (route.auth === "user") return send(res, requestId, { status: 401, json: { message: "invalid token" } });
      return send(res, requestId, lineError(401, INVALID_TOKEN));
    }
  }

  // ── rate limit (per channel and endpoint; a retry counts as a request too — retrying-api-request)
  if (route.auth === "channel" && !deps.rateLimiter.take(route.id)) {
    req.resume();
    return send(res, requestId, lineError(429, RATE_LIMIT_EXCEEDED));
  }

  // ── retry key header: UUID, and only where LINE accepts one (400 elsewhere; retrying-api-request)
  const retryKeyHeader = req.headers["x-line-retry-key"];
  if (retryKeyHeader !== undefined) {
    const key = Array.isArray(retryKeyHeader) ? retryKeyHeader[0]! : retryKeyHeader;
    if (!route.retryKey) {
      req.resume();
      return send(res, requestId, lineError(400, "X-Line-Retry-Key is not supported by this endpoint"));
    }
    if (!UUID_PATTERN.test(key)) {
      req.resume();
      return send(res, requestId, lineError(400, "The value for the 'X-Line-Retry-Key' header is invalid"));
    }
    ctx.retryKey = key.toLowerCase();
  }

  // ── body
  if (route.body !== "none") {
    const body = await readBody(req, route.maxBodyBytes ?? LINE_MAX_BODY_BYTES);
    if (body === null) return send(res, requestId, lineError(413, "Request exceeds the max size of 2MB. Make the request smaller than 2MB and try again."));
    ctx.body = body;
  } else {
    req.resume();
  }

  // ── prepare: stateless work (multicast parsing), possibly on the parser thread
  if (route.prepare) {
    const contentType = req.headers["content-type"] ?? "";
    if (!contentType.toLowerCase().startsWith("application/json")) {
      return finish(deps, route, req, res, requestId, lineError(415, `The content type, ${contentType || "(none)"}, is not supported`));
    }
    // A repeat of an accepted request is answered without parsing it (and checked again below).
    if (ctx.retryKey !== null && deps.retryKeys.find(ctx.retryKey)) return finish(deps, route, req, res, requestId, alreadyAccepted(deps, ctx.retryKey));
    try {
      const prepared = route.prepare(ctx);
      ctx.prepared = prepared instanceof Promise ? await prepared : prepared;
    } catch (error) {
      return finish(deps, route, req, res, requestId, replyForError(deps, route, error));
    }
  }

  // ── from here on nothing awaits until the answer: acceptance is atomic per retry key
  if (ctx.retryKey !== null) {
    if (deps.retryKeys.find(ctx.retryKey)) return finish(deps, route, req, res, requestId, alreadyAccepted(deps, ctx.retryKey));
  }
  if (route.body === "json" && !route.prepare && ctx.body.length > 0) {
    const contentType = req.headers["content-type"] ?? "";
    if (!contentType.toLowerCase().startsWith("application/json")) {
      return finish(deps, route, req, res, requestId, lineError(415, `The content type, ${contentType || "(none)"}, is not supported`));
    }
    const text = ctx.body.toString("utf8");
    try {
      ctx.json = JSON.parse(text);
    } catch (error) {
      return finish(deps, route, req, res, requestId, jsonParseError(text, error));
    }
  } else if (route.body === "form") {
    ctx.form = new URLSearchParams(ctx.body.toString("utf8"));
  }
  const result = runHandler(deps, route, ctx);
  const reply = result instanceof Promise ? await result : result;
  if (reply.acceptedRetryKey && ctx.retryKey !== null && reply.status >= 200 && reply.status < 300) {
    deps.retryKeys.accept(ctx.retryKey, reply.acceptedRetryKey);
  }
  return finish(deps, route, req, res, requestId, reply);
}

/** 409 for a retry key that was already accepted, with the original request id (and sentMessages for push). */
function alreadyAccepted(deps: PipelineDeps, retryKey: string): Reply {
  const accepted = deps.retryKeys.find(retryKey)!;
  const json: Record<string, unknown> = { message: RETRY_KEY_ACCEPTED };
  if (accepted.sentMessages) json.sentMessages = accepted.sentMessages;
  return { status: 409, json, headers: { "x-line-accepted-request-id": accepted.requestId } };
}

async function finish(deps: PipelineDeps, route: Route, req: IncomingMessage, res: ServerResponse, requestId: string, reply: Reply): Promise<void> {
  if (deps.faults.active) {
    if (reply.status < 400 && deps.faults.dropAfterAccept(route.id)) {
      // Accepted and recorded; the client sees a reset connection and must retry (with its key).
      req.socket.destroy();
      return;
    }
    const latency = deps.faults.latencyMs(route.id);
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
  }
  send(res, requestId, reply);
}

function runHandler(deps: PipelineDeps, route: Route, ctx: RequestContext): Reply | Promise<Reply> {
  try {
    const result = route.handle(ctx);
    if (result instanceof Promise) return result.catch((error: unknown) => replyForError(deps, route, error));
    return result;
  } catch (error) {
    return replyForError(deps, route, error);
  }
}

function replyForError(deps: PipelineDeps, route: Route, error: unknown): Reply {
  if (error instanceof ReplyError) return error.reply;
  if (error instanceof InvalidProperty) return lineError(400, error.message);
  deps.onError(error, route);
  return lineError(500, "Internal server error");
}

const EMPTY = Buffer.alloc(0);
const EMPTY_FORM = new URLSearchParams();

export function send(res: ServerResponse, requestId: string, reply: Reply): void {
  if (res.destroyed) return;
  if (reply.stream) {
    reply.stream(res);
    return;
  }
  let payload: Buffer | string;
  let contentType: string;
  if (reply.body !== undefined) {
    payload = reply.body;
    contentType = reply.contentType ?? "application/octet-stream";
  } else if (reply.json !== undefined) {
    payload = JSON.stringify(reply.json);
    contentType = "application/json";
  } else {
    payload = "";
    contentType = reply.contentType ?? "application/json";
  }
  const headers: Record<string, string | number> = {
    "content-type": contentType,
    "content-length": typeof payload === "string" ? Buffer.byteLength(payload) : payload.length,
    ...reply.headers,
  };
  if (requestId) headers["x-line-request-id"] = requestId;
  res.writeHead(reply.status, headers);
  res.end(payload);
}
