// next-auth 4 configuration for staff sign-in (credentials + JWT carrying only a StaffSession id).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { env, requireEnv, exposeAppUrlToNextAuth } from "@/lib/env";
import { signInWithPassword } from "@/lib/auth/sessions";
import { sessionPolicy } from "@/lib/auth/policy";
import { requestMetaFrom } from "@/lib/http/request-meta";

/** Error codes the login page turns into Japanese messages (thrown from authorize()). */
export const SIGN_IN_ERRORS = { LOCKED: "LOCKED", INVALID: "CredentialsSignin" } as const;

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  exposeAppUrlToNextAuth();
  const e = env();
  const policy = sessionPolicy();
  cached = {
    secret: requireEnv("NEXTAUTH_SECRET"),
    // Secure cookies whenever the public URL is https (production); `npm start` on plain
    // http://localhost would otherwise lose its cookies.
    useSecureCookies: e.APP_URL.startsWith("https://"),
    session: { strategy: "jwt", maxAge: policy.maxHours * 3600 },
    jwt: { maxAge: policy.maxHours * 3600 },
    pages: { signIn: "/staff/login", error: "/staff/login", signOut: "/staff/login" },
    providers: [
      CredentialsProvider({
        name: "メールアドレスとパスワード",
        credentials: {
          email: { label: "メールアドレス", type: "email" },
          password: { label: "パスワード", type: "password" },
        },
        async authorize(credentials, req) {
          const email = typeof credentials?.email === "string" ? credentials.email.slice(0, 320) : "";
          const password = typeof credentials?.password === "string" ? credentials.password.slice(0, 1024) : "";
          const meta = requestMetaFrom(req?.headers ?? {}, e.TRUST_PROXY_HOPS);
          const result = await signInWithPassword(db, { email, password, ...meta }, policy);
          if (!result.ok) {
            if (result.reason === "LOCKED") throw new Error(SIGN_IN_ERRORS.LOCKED);
            return null;
          }
          return { id: result.staffId, sessionId: result.sessionId };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sid = (user as { sessionId?: string }).sessionId;
          token.sub = user.id;
        }
        // Keep the cookie small and free of personal data: no name, e-mail or picture.
        delete token.name;
        delete token.email;
        delete token.picture;
        return token;
      },
      session({ session, token }) {
        return { ...session, user: undefined, sid: token.sid } as typeof session;
      },
    },
    logger: {
      error(code, metadata) {
        // A thrown LOCKED is an expected outcome, not an error worth a stack trace.
        if (code === "CREDENTIALS_SIGNIN_ERROR" || String((metadata as { message?: string })?.message) === SIGN_IN_ERRORS.LOCKED) return;
        console.error("[next-auth]", code, metadata);
      },
      warn() {},
      debug() {},
    },
  };
  return cached;
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}
