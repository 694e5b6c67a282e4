// Where a request came from, for the audit log. X-Forwarded-For is only believed as far as the
// operator says there are proxies in front of the app (TRUST_PROXY_HOPS); `next start` itself
// appends the socket's address as the last entry.
export type RequestMeta = { ip: string | null; userAgent: string | null };

export function clientIpFrom(forwardedFor: string | null | undefined, trustedHops: number): string | null {
  if (!forwardedFor) return null;
  const hops = forwardedFor.split(",").map((part) => part.trim()).filter(Boolean);
  if (hops.length === 0) return null;
  // The last entry was added by the server we trust most (our own front door); each trusted proxy
  // added one more. Anything to the left of those may have been typed by the client.
  const index = Math.max(0, hops.length - 1 - trustedHops);
  return normalizeIp(hops[index] ?? null);
}

function normalizeIp(ip: string | null): string | null {
  if (!ip) return null;
  return ip.startsWith("::ffff:") ? ip.slice(7) : ip;
}

export function requestMetaFrom(headers: Headers | Record<string, string | string[] | undefined>, trustedHops: number): RequestMeta {
  const get = (name: string): string | null => {
    if (headers instanceof Headers) return headers.get(name);
    const value = headers[name];
    return Array.isArray(value) ? value.join(",") : (value ?? null);
  };
  return {
    ip: clientIpFrom(get("x-forwarded-for"), trustedHops) ?? get("x-real-ip"),
    userAgent: get("user-agent"),
  };
}
