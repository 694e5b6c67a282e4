// LINE Login and LIFF: ID tokens signed ES256 with a `kid` and published as a JWKS at
// /oauth2/v2.1/certs (verify-id-token docs: "For native apps, LINE SDK, or LIFF apps, ES256 … is
// returned"), plus the access tokens LIFF hands to servers. Tokens are minted here for simulated
// residents — this is how a browser in development or an e2e test obtains a real, verifiable token
// to give @line/liff-mock (whose own default token is the string "id_token"; FACTS.md §3).
import { randomBytes } from "node:crypto";
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, decodeProtectedHeader, errors as joseErrors, type JWK, type CryptoKey } from "jose";
import { newOpaqueToken } from "../core/ids";

/** verify-id-token: "iss: https://access.line.me. URL where the ID token is generated." */
export const LINE_ID_TOKEN_ISSUER = "https://access.line.me";

export type IdTokenClaims = {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  iat: number;
  nonce?: string;
  amr: string[];
  name?: string;
  picture?: string;
  email?: string;
};

export type UserAccessToken = {
  userId: string;
  clientId: string;
  scope: string;
  expiresAt: number;
  /** LIFF access tokens are tied to the LIFF app that obtained them. */
  liffId?: string;
};

export type LoginSnapshot = { kid: string; privateJwk: JWK; accessTokens: [string, UserAccessToken][] };

export class LoginService {
  private constructor(
    private kid: string,
    private privateKey: CryptoKey,
    private publicJwk: JWK,
    private privateJwk: JWK,
    private now: () => number,
  ) {}

  readonly accessTokens = new Map<string, UserAccessToken>();

  static async create(now: () => number, snapshot?: LoginSnapshot): Promise<LoginService> {
    if (snapshot) {
      const privateKey = (await importJWK(snapshot.privateJwk, "ES256")) as CryptoKey;
      const { d: _d, ...publicJwk } = snapshot.privateJwk;
      const service = new LoginService(snapshot.kid, privateKey, publicJwk, snapshot.privateJwk, now);
      for (const [token, entry] of snapshot.accessTokens) service.accessTokens.set(token, entry);
      return service;
    }
    const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const privateJwk = await exportJWK(privateKey);
    return new LoginService(randomBytes(16).toString("hex"), privateKey, publicJwk, privateJwk, now);
  }

  /** The JWKS document served at GET /oauth2/v2.1/certs. */
  jwks(): { keys: JWK[] } {
    return { keys: [{ ...this.publicJwk, kid: this.kid, alg: "ES256", use: "sig" }] };
  }

  async mintIdToken(input: {
    userId: string;
    channelId: string;
    name?: string;
    picture?: string;
    email?: string;
    nonce?: string;
    ttlSeconds: number;
    /** Issue an already-expired token (tests of expiry handling). */
    expired?: boolean;
  }): Promise<{ idToken: string; claims: IdTokenClaims }> {
    const iat = Math.floor(this.now() / 1000) - (input.expired ? input.ttlSeconds + 60 : 0);
    const claims: IdTokenClaims = {
      iss: LINE_ID_TOKEN_ISSUER,
      sub: input.userId,
      aud: input.channelId,
      exp: iat + input.ttlSeconds,
      iat,
      amr: ["linesso"],
    };
    if (input.nonce !== undefined) claims.nonce = input.nonce;
    if (input.name !== undefined) claims.name = input.name;
    if (input.picture !== undefined) claims.picture = input.picture;
    if (input.email !== undefined) claims.email = input.email;
    const idToken = await new SignJWT({ ...claims }).setProtectedHeader({ alg: "ES256", typ: "JWT", kid: this.kid }).sign(this.privateKey);
    return { idToken, claims };
  }

  mintAccessToken(input: { userId: string; clientId: string; scope: string; ttlSeconds: number; liffId?: string }): { accessToken: string; expiresIn: number } {
    const accessToken = newOpaqueToken(48);
    this.accessTokens.set(accessToken, {
      userId: input.userId,
      clientId: input.clientId,
      scope: input.scope,
      expiresAt: this.now() + input.ttlSeconds * 1000,
      liffId: input.liffId,
    });
    return { accessToken, expiresIn: input.ttlSeconds };
  }

  findAccessToken(token: string): UserAccessToken | undefined {
    const entry = this.accessTokens.get(token);
    if (!entry) return undefined;
    return entry;
  }

  revokeAccessToken(token: string): boolean {
    return this.accessTokens.delete(token);
  }

  /**
   * POST /oauth2/v2.1/verify semantics. The error_description strings are LINE's (line-login
   * reference, "Verify ID token", error response table).
   */
  async verifyIdToken(idToken: string, expected: { clientId: string; nonce?: string; userId?: string }): Promise<{ ok: true; claims: IdTokenClaims } | { ok: false; description: string }> {
    let claims: IdTokenClaims;
    try {
      const header = decodeProtectedHeader(idToken);
      if (header.alg !== "ES256" || header.kid !== this.kid) return { ok: false, description: "Invalid IdToken." };
      const result = await jwtVerify(idToken, await this.privateKeyToPublic(), {
        algorithms: ["ES256"],
        currentDate: new Date(this.now()),
      });
      claims = result.payload as unknown as IdTokenClaims;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return { ok: false, description: "IdToken expired." };
      return { ok: false, description: "Invalid IdToken." };
    }
    if (claims.iss !== LINE_ID_TOKEN_ISSUER) return { ok: false, description: "Invalid IdToken Issuer." };
    if (claims.aud !== expected.clientId) return { ok: false, description: "Invalid IdToken Audience." };
    if (expected.nonce !== undefined && claims.nonce !== expected.nonce) return { ok: false, description: "Invalid IdToken Nonce." };
    if (expected.userId !== undefined && claims.sub !== expected.userId) return { ok: false, description: "Invalid IdToken Subject Identifier." };
    return { ok: true, claims };
  }

  private publicKeyCache: Promise<CryptoKey> | undefined;

  private privateKeyToPublic(): Promise<CryptoKey> {
    this.publicKeyCache ??= importJWK(this.publicJwk, "ES256") as Promise<CryptoKey>;
    return this.publicKeyCache;
  }

  toJSON(): LoginSnapshot {
    return { kid: this.kid, privateJwk: this.privateJwk, accessTokens: [...this.accessTokens] };
  }
}
