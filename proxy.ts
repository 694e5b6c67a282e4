// First gate for every request: security headers (CSP with a per-request nonce, HSTS on https,
// framing rules) and a redirect to the login page for staff pages without a session cookie.
// It is only the first gate: every staff page, action and route checks its permission itself
// (lib/auth/staff-access.ts).
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { env, requireEnv } from "@/lib/env";
import { contentSecurityPolicy, isLiffPath, securityHeaders } from "@/lib/http/security-headers";
import { liffConnectSources } from "@/lib/liff/config";

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const e = env();
  const https = e.APP_URL.startsWith("https://");

  if (pathname.startsWith("/staff") && !isPublicStaffPath(pathname)) {
    const token = await getToken({ req: request, secret: requireEnv("NEXTAUTH_SECRET"), secureCookie: https });
    if (!token?.sid) {
      const login = new URL("/staff/login", request.url);
      login.searchParams.set("callbackUrl", `${pathname}${search}`);
      return withHeaders(NextResponse.redirect(login), pathname, https, null);
    }
  }

  const nonce = btoa(crypto.randomUUID());
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-kairan-path", pathname);
  // LIFF pages talk to LINE (and, in development, the emulator standing in for it); staff pages stay strict.
  const connectSources = isLiffPath(pathname) ? liffConnectSources(e.LINE_API_BASE_URL) : undefined;
  const csp = contentSecurityPolicy({ nonce, pathname, https, dev: e.NODE_ENV === "development", connectSources });
  requestHeaders.set("content-security-policy", csp);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), pathname, https, csp);
}

function withHeaders(response: NextResponse, pathname: string, https: boolean, csp: string | null): NextResponse {
  for (const [name, value] of Object.entries(securityHeaders({ pathname, https }))) response.headers.set(name, value);
  if (csp) response.headers.set("content-security-policy", csp);
  return response;
}

function isPublicStaffPath(pathname: string): boolean {
  return pathname === "/staff/login" || pathname.startsWith("/staff/login/");
}

export const config = {
  matcher: [
    {
      // Not for build assets, and not for the LINE webhook (LINE reads no headers, and it is the hot path).
      source: "/((?!_next/static|_next/image|favicon.ico|api/line/webhook).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
