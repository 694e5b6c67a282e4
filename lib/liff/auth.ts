// The server side of every LIFF API (/api/liff/**): the resident is whoever the LINE ID token in the
// Authorization header says, verified on each request (lib/line/id-token.ts: ES256 against LINE's
// keys, issuer, audience = our LINE Login channel, expiry). A userId sent by the client is never
// trusted ("Send tokens, not profile data", FACTS.md §3). Without a valid token: 401 in Japanese.
import { AppError, toErrorResponse } from "@/lib/errors";
import { verifyIdToken, type LineIdTokenClaims } from "@/lib/line/id-token";

export type LiffIdentity = { lineUserId: string; displayName: string | null; claims: LineIdTokenClaims };

const MISSING = "LINE のログイン情報がありません。LINE アプリからこのページを開き直してください。";

export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

export async function authenticateLiffRequest(request: Request): Promise<LiffIdentity> {
  const token = bearerToken(request);
  if (!token) throw new AppError("UNAUTHENTICATED", { message: "LIFF request without an ID token", userMessage: MISSING });
  const claims = await verifyIdToken(token);
  return { lineUserId: claims.userId, displayName: claims.name ?? null, claims };
}

type Handler = (context: { request: Request; identity: LiffIdentity }) => Promise<Response>;

/** Wraps a LIFF route handler: verify the token first, answer errors as JSON with a Japanese message. */
export function liffRoute(handler: Handler): (request: Request) => Promise<Response> {
  return async (request) => {
    let response: Response;
    try {
      const identity = await authenticateLiffRequest(request);
      response = await handler({ request, identity });
    } catch (error) {
      response = toErrorResponse(error);
    }
    response.headers.set("cache-control", "no-store");
    return response;
  };
}

/** Reads a JSON body (a ZodError from the handler's schema becomes 422 with the issues). */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("INVALID_INPUT", { userMessage: "送信された内容を読み取れませんでした。画面を開き直して、もう一度お試しください。" });
  }
}
