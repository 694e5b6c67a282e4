// How a LIFF page opened from the LINE emulator's phone view learns who is signed in.
//
// In LINE, the LIFF SDK gets the resident's tokens from the LINE app. Without LINE, the app's LIFF
// pages run with @line/liff-mock, whose default ID token is the string "id_token" — useless to a
// server that verifies tokens. So the emulator mints a real ES256 ID token (and an access token) for
// the chosen simulated resident and appends them to the LIFF page's URL fragment:
//
//   http://localhost:3000/liff/garbage?area=3#kairan_emulator_id_token=eyJ…&kairan_emulator_access_token=…
//
// The fragment never reaches a server (browsers do not send it), so the tokens do not end up in
// access logs. The app's LIFF bootstrap (development only) calls readEmulatorLiffHandoff(location.hash),
// stores the tokens for the session, removes the fragment, and gives the mock `getIDToken` /
// `getAccessToken` these values. The server then verifies the ID token exactly as in production —
// against the emulator's JWKS, because LINE_API_BASE_URL points at the emulator. In production the
// JWKS is LINE's, so an emulator token can never pass there.
//
// No imports: this file runs in the browser bundle as well as in the emulator.

export const LIFF_HANDOFF_ID_TOKEN_PARAM = "kairan_emulator_id_token";
export const LIFF_HANDOFF_ACCESS_TOKEN_PARAM = "kairan_emulator_access_token";

export type LiffHandoff = {
  idToken: string;
  accessToken: string;
  /** Decoded (not verified) ID token claims, for liff.getDecodedIDToken() and getProfile() in the mock. */
  claims: { sub: string; name?: string; picture?: string; aud: string; exp: number; iat: number; nonce?: string };
};

/** The fragment the emulator appends to a LIFF page URL. */
export function buildLiffHandoffFragment(tokens: { idToken: string; accessToken: string }): string {
  const params = new URLSearchParams();
  params.set(LIFF_HANDOFF_ID_TOKEN_PARAM, tokens.idToken);
  params.set(LIFF_HANDOFF_ACCESS_TOKEN_PARAM, tokens.accessToken);
  return `#${params.toString()}`;
}

/** Reads the tokens from `location.hash`; undefined when the page was not opened by the emulator. */
export function readEmulatorLiffHandoff(hash: string): LiffHandoff | undefined {
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  const idToken = params.get(LIFF_HANDOFF_ID_TOKEN_PARAM);
  const accessToken = params.get(LIFF_HANDOFF_ACCESS_TOKEN_PARAM);
  if (!idToken || !accessToken) return undefined;
  const payload = idToken.split(".")[1];
  if (!payload) return undefined;
  try {
    const json = decodeBase64Url(payload);
    const claims = JSON.parse(json) as LiffHandoff["claims"];
    if (typeof claims.sub !== "string") return undefined;
    return { idToken, accessToken, claims };
  } catch {
    return undefined;
  }
}

/** `location.hash` without the handoff parameters (to restore with history.replaceState). */
export function stripLiffHandoff(hash: string): string {
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  params.delete(LIFF_HANDOFF_ID_TOKEN_PARAM);
  params.delete(LIFF_HANDOFF_ACCESS_TOKEN_PARAM);
  const rest = params.toString();
  return rest ? `#${rest}` : "";
}

function decodeBase64Url(text: string): string {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * Maps a LIFF URL to the LIFF app's endpoint URL, as LINE does when it opens one:
 * https://liff.line.me/{liffId}/path?query → {endpointUrl}/path?query (also line://app/{liffId} and
 * https://line.me/R/app/{liffId}). Undefined when `url` is not a LIFF URL of a known LIFF app.
 */
export function resolveLiffUrl(url: string, endpoints: Record<string, string>): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  let rest: string | undefined;
  if (parsed.protocol === "https:" && parsed.hostname === "liff.line.me") rest = parsed.pathname.slice(1);
  else if (parsed.protocol === "https:" && parsed.hostname === "line.me" && parsed.pathname.startsWith("/R/app/")) rest = parsed.pathname.slice("/R/app/".length);
  else if (parsed.protocol === "line:" && parsed.hostname === "app") rest = parsed.pathname.slice(1);
  if (rest === undefined) return undefined;
  const slash = rest.indexOf("/");
  const liffId = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? "" : rest.slice(slash);
  const endpoint = endpoints[liffId];
  if (!endpoint) return undefined;
  return `${endpoint.replace(/\/+$/, "")}${path}${parsed.search}`;
}
