// Residents' identity on the server: a LINE ID token from liff.getIDToken(), verified here — never a
// userId sent by the client (FACTS.md §3: "Send tokens, not profile data").
//
// LIFF ID tokens are ES256 JWTs with a `kid`; LINE publishes the keys at
// https://api.line.me/oauth2/v2.1/certs (verify-id-token docs). The JWKS URL follows LINE_API_BASE_URL,
// so in development the emulator's keys are used and its tokens verify; in production only LINE's do.
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import { AppError } from "@/lib/errors";
import { env, requireEnv } from "@/lib/env";

/** verify-id-token: "iss: https://access.line.me". */
export const LINE_ID_TOKEN_ISSUER = "https://access.line.me";
/** Clock skew tolerated between LINE and this server, in seconds (phones with skewed clocks are LINE's problem, servers' ours). */
const CLOCK_TOLERANCE_SECONDS = 5;

export type LineIdTokenClaims = {
  /** The resident's LINE user id (`sub`) — the only trustworthy source of it. */
  userId: string;
  name?: string;
  picture?: string;
  email?: string;
  nonce?: string;
  amr?: string[];
  issuedAt: Date;
  expiresAt: Date;
};

const jwksByUrl = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

export function lineJwksUrl(): URL {
  return new URL("/oauth2/v2.1/certs", env().LINE_API_BASE_URL);
}

// createRemoteJWKSet caches keys (10 minutes) and refetches on an unknown `kid`, throttled.
function jwksFor(url: URL): ReturnType<typeof createRemoteJWKSet> {
  let jwks = jwksByUrl.get(url.href);
  if (!jwks) {
    jwks = createRemoteJWKSet(url, { cacheMaxAge: 10 * 60 * 1000, cooldownDuration: 30 * 1000 });
    jwksByUrl.set(url.href, jwks);
  }
  return jwks;
}

const REJECTED = "LINEのログイン情報を確認できませんでした。LINEアプリから開き直してください。";

/**
 * Verifies a LINE ID token: ES256 signature against LINE's JWKS, `iss`, `aud` (our LINE Login
 * channel), `exp`/`iat`, and `nonce` when one was expected. Throws AppError("UNAUTHENTICATED").
 */
export async function verifyIdToken(idToken: string, options: { nonce?: string } = {}): Promise<LineIdTokenClaims> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, jwksFor(lineJwksUrl()), {
      issuer: LINE_ID_TOKEN_ISSUER,
      audience: requireEnv("LINE_LOGIN_CHANNEL_ID"),
      algorithms: ["ES256"],
      requiredClaims: ["sub", "exp", "iat"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    const reason = error instanceof joseErrors.JWTExpired ? "expired" : error instanceof joseErrors.JOSEError ? error.code : "unverifiable";
    throw new AppError("UNAUTHENTICATED", { message: `LINE ID token rejected (${reason})`, userMessage: REJECTED, cause: error });
  }
  if (options.nonce !== undefined && payload.nonce !== options.nonce) {
    throw new AppError("UNAUTHENTICATED", { message: "LINE ID token rejected (nonce mismatch)", userMessage: REJECTED });
  }
  if (typeof payload.sub !== "string" || !/^U[0-9a-f]{32}$/.test(payload.sub)) {
    throw new AppError("UNAUTHENTICATED", { message: "LINE ID token rejected (sub is not a LINE user id)", userMessage: REJECTED });
  }
  return {
    userId: payload.sub,
    name: typeof payload.name === "string" ? payload.name : undefined,
    picture: typeof payload.picture === "string" ? payload.picture : undefined,
    email: typeof payload.email === "string" ? payload.email : undefined,
    nonce: typeof payload.nonce === "string" ? payload.nonce : undefined,
    amr: Array.isArray(payload.amr) ? (payload.amr as string[]) : undefined,
    issuedAt: new Date(payload.iat! * 1000),
    expiresAt: new Date(payload.exp! * 1000),
  };
}
