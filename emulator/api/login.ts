// LINE Login v2.1 and LIFF server-side endpoints (line-login reference, stored 2025-04-16), plus the
// channel access token endpoints (channel-access-token.yml), which share the /oauth2 paths.
import type { LineEmulator } from "../emulator";
import { type Reply, type RequestContext } from "../core/http";
import { newOpaqueToken } from "../core/ids";
import { FRIEND } from "../state/friends";
import { lineRoute, type RouteTable } from "./common";

/** Short-lived channel access tokens: expires_in 2592000 (30 days) in the reference example. */
const SHORT_LIVED_TOKEN_SECONDS = 30 * 24 * 60 * 60;
/** Stateless channel access tokens: "only valid for 15 minutes" (channel-access-token.yml). */
const STATELESS_TOKEN_SECONDS = 15 * 60;

/** LINE Login errors are OAuth-style: {"error":"invalid_request","error_description":"…"}. */
function oauthError(status: number, description: string, error = "invalid_request"): Reply {
  return { status, json: { error, error_description: description } };
}

function bearer(ctx: RequestContext): string {
  const header = ctx.headers.authorization ?? "";
  return header.slice(header.indexOf(" ") + 1).trim();
}

export function loginRoutes(emulator: LineEmulator): RouteTable {
  const channel = () => emulator.config.channel;

  function certs(): Reply {
    return { status: 200, json: emulator.login.jwks(), headers: { "cache-control": "max-age=3600" } };
  }

  /** POST /oauth2/v2.1/verify (form: id_token, client_id, nonce?, user_id?). */
  async function verifyIdToken(ctx: RequestContext): Promise<Reply> {
    const idToken = ctx.form.get("id_token");
    const clientId = ctx.form.get("client_id");
    if (!idToken) return oauthError(400, "id_token is required");
    if (!clientId) return oauthError(400, "client_id is required");
    const result = await emulator.login.verifyIdToken(idToken, {
      clientId,
      nonce: ctx.form.get("nonce") ?? undefined,
      userId: ctx.form.get("user_id") ?? undefined,
    });
    if (!result.ok) return oauthError(400, result.description);
    return { status: 200, json: result.claims };
  }

  /** GET /oauth2/v2.1/verify?access_token= — LINE Login/LIFF tokens and channel access tokens v2.1. */
  function verifyAccessToken(ctx: RequestContext): Reply {
    const token = ctx.query.get("access_token");
    if (!token) return oauthError(400, "access_token is required");
    const now = emulator.clock.now();
    const user = emulator.login.findAccessToken(token);
    if (user) {
      // Error response of the reference: 400 {"error":"invalid_request","error_description":"access token expired"}
      if (user.expiresAt <= now) return oauthError(400, "access token expired");
      return { status: 200, json: { scope: user.scope, client_id: user.clientId, expires_in: Math.floor((user.expiresAt - now) / 1000) } };
    }
    const issued = emulator.issuedChannelTokens.get(token);
    if (issued) {
      if (issued.expiresAt <= now) return oauthError(400, "access token expired");
      return { status: 200, json: { client_id: channel().channelId, expires_in: Math.floor((issued.expiresAt - now) / 1000), scope: "" } };
    }
    // Not documented for unknown tokens; the emulator answers like an expired one, with its own words.
    return oauthError(400, "invalid access token");
  }

  function profile(ctx: RequestContext): Reply {
    const entry = emulator.login.findAccessToken(bearer(ctx))!;
    const uid = emulator.friends.uidOf(entry.userId);
    const profile = emulator.friends.profile(uid);
    if (!profile) return { status: 404, json: { message: "Not found" } };
    const body: Record<string, unknown> = { userId: profile.userId, displayName: profile.displayName };
    if (profile.pictureUrl) body.pictureUrl = profile.pictureUrl;
    if (profile.statusMessage) body.statusMessage = profile.statusMessage;
    return { status: 200, json: body };
  }

  function userinfo(ctx: RequestContext): Reply {
    const entry = emulator.login.findAccessToken(bearer(ctx))!;
    const profile = emulator.friends.profile(emulator.friends.uidOf(entry.userId));
    const body: Record<string, unknown> = { sub: entry.userId };
    if (profile) body.name = profile.displayName;
    if (profile?.pictureUrl) body.picture = profile.pictureUrl;
    return { status: 200, json: body };
  }

  /** GET /friendship/v1/status: whether the user is a friend of the channel linked to the login channel. */
  function friendship(ctx: RequestContext): Reply {
    const entry = emulator.login.findAccessToken(bearer(ctx))!;
    const uid = emulator.friends.uidOf(entry.userId);
    return { status: 200, json: { friendFlag: uid !== 0 && emulator.friends.status(uid) === FRIEND } };
  }

  function revokeUserToken(ctx: RequestContext): Reply {
    const token = ctx.form.get("access_token");
    if (!token) return oauthError(400, "access_token is required");
    // A channel access token v2.1 is revoked with the channel secret; a login token with the login channel id.
    if (!emulator.login.revokeAccessToken(token)) emulator.issuedChannelTokens.delete(token);
    return { status: 200, body: "", contentType: "application/json" };
  }

  // ── channel access tokens

  function checkClient(ctx: RequestContext): Reply | undefined {
    if (ctx.form.get("grant_type") !== "client_credentials") return oauthError(400, "some parameters missed or invalid", "unsupported_grant_type");
    if (ctx.form.get("client_assertion")) {
      // JWT assertions need an assertion signing key registered in the console; the emulator has none.
      return { status: 404, json: { message: "Cannot find channel key that satisfies the conditions" } };
    }
    if (ctx.form.get("client_id") !== channel().channelId || ctx.form.get("client_secret") !== channel().channelSecret) {
      return oauthError(400, "invalid client", "invalid_client");
    }
    return undefined;
  }

  function issueShortLived(ctx: RequestContext): Reply {
    const error = checkClient(ctx);
    if (error) return error;
    const token = newOpaqueToken(48);
    emulator.issuedChannelTokens.set(token, { kind: "short-lived", expiresAt: emulator.clock.now() + SHORT_LIVED_TOKEN_SECONDS * 1000 });
    return { status: 200, json: { access_token: token, expires_in: SHORT_LIVED_TOKEN_SECONDS, token_type: "Bearer" } };
  }

  function issueStateless(ctx: RequestContext): Reply {
    const error = checkClient(ctx);
    if (error) return error;
    const token = newOpaqueToken(48);
    emulator.issuedChannelTokens.set(token, { kind: "stateless", expiresAt: emulator.clock.now() + STATELESS_TOKEN_SECONDS * 1000 });
    return { status: 200, json: { token_type: "Bearer", access_token: token, expires_in: STATELESS_TOKEN_SECONDS - 1 } };
  }

  function issueV21(ctx: RequestContext): Reply {
    return checkClient(ctx) ?? { status: 404, json: { message: "Cannot find channel key that satisfies the conditions" } };
  }

  /** POST /v2/oauth/verify (form access_token): short-lived and long-lived channel access tokens. */
  function verifyChannelToken(ctx: RequestContext): Reply {
    const token = ctx.form.get("access_token");
    if (!token) return oauthError(400, "access_token is required");
    const now = emulator.clock.now();
    if (token === channel().channelAccessToken) {
      // Long-lived tokens do not expire; LINE reports a very large expires_in for them.
      return { status: 200, json: { client_id: channel().channelId, expires_in: 3_138_007_490, scope: "P CM" } };
    }
    const issued = emulator.issuedChannelTokens.get(token);
    if (!issued || issued.expiresAt <= now) return oauthError(400, "access token expired");
    return { status: 200, json: { client_id: channel().channelId, expires_in: Math.floor((issued.expiresAt - now) / 1000), scope: "P CM" } };
  }

  function revokeChannelToken(ctx: RequestContext): Reply {
    const token = ctx.form.get("access_token");
    if (!token) return oauthError(400, "access_token is required");
    emulator.issuedChannelTokens.delete(token);
    return { status: 200, body: "", contentType: "application/json" };
  }

  const form = { auth: "none" as const, body: "form" as const };
  return [
    lineRoute("getJwks", "GET", "/oauth2/v2.1/certs", certs, { auth: "none" }),
    lineRoute("verifyIdToken", "POST", "/oauth2/v2.1/verify", verifyIdToken, form),
    lineRoute("verifyChannelTokenByJWT", "GET", "/oauth2/v2.1/verify", verifyAccessToken, { auth: "none" }),
    lineRoute("revokeChannelTokenByJWT", "POST", "/oauth2/v2.1/revoke", revokeUserToken, form),
    lineRoute("getUserProfile", "GET", "/v2/profile", profile, { auth: "user" }),
    lineRoute("getUserInfo", "GET", "/oauth2/v2.1/userinfo", userinfo, { auth: "user" }),
    lineRoute("getFriendshipStatus", "GET", "/friendship/v1/status", friendship, { auth: "user" }),
    lineRoute("issueChannelToken", "POST", "/v2/oauth/accessToken", issueShortLived, form),
    lineRoute("verifyChannelToken", "POST", "/v2/oauth/verify", verifyChannelToken, form),
    lineRoute("revokeChannelToken", "POST", "/v2/oauth/revoke", revokeChannelToken, form),
    lineRoute("issueStatelessChannelToken", "POST", "/oauth2/v3/token", issueStateless, form),
    lineRoute("issueChannelTokenByJWT", "POST", "/oauth2/v2.1/token", issueV21, form),
  ];
}
