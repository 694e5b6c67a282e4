// Security headers. Staff pages may never be framed. LIFF pages open in LINE's own browser (not a
// frame), but LINE's desktop and web clients may embed them, so LINE's origins may frame /liff/**.
const LINE_FRAME_ANCESTORS = "https://*.line.me https://liff.line.me";

export function isLiffPath(pathname: string): boolean {
  return pathname === "/liff" || pathname.startsWith("/liff/");
}

export function contentSecurityPolicy(options: { nonce: string; pathname: string; https: boolean; dev: boolean; connectSources?: string[] }): string {
  const liff = isLiffPath(options.pathname);
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // React renders style attributes; inline <style> is far less dangerous than script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    `connect-src 'self'${options.connectSources?.length ? ` ${options.connectSources.join(" ")}` : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${liff ? `'self' ${LINE_FRAME_ANCESTORS}` : "'none'"}`,
  ];
  if (options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export function securityHeaders(options: { pathname: string; https: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), payment=(), usb=(), geolocation=(self)",
    "cross-origin-opener-policy": isLiffPath(options.pathname) ? "unsafe-none" : "same-origin",
  };
  if (!isLiffPath(options.pathname)) headers["x-frame-options"] = "DENY";
  if (options.https) headers["strict-transport-security"] = "max-age=63072000; includeSubDomains";
  if (options.pathname.startsWith("/staff")) headers["cache-control"] = "no-store";
  return headers;
}
