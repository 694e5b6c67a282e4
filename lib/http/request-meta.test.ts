import { describe, expect, it } from "vitest";
import { clientIpFrom, requestMetaFrom } from "@/lib/http/request-meta";

describe("client IP for the audit log", () => {
  it("takes the address our own server saw unless proxies are trusted", () => {
    // next start appends the socket address; everything before it came from the client.
    expect(clientIpFrom("6.6.6.6, 203.0.113.7", 0)).toBe("203.0.113.7");
    expect(clientIpFrom("198.51.100.2, 10.0.0.5", 1)).toBe("198.51.100.2");
    expect(clientIpFrom("6.6.6.6, 198.51.100.2, 10.0.0.5", 1)).toBe("198.51.100.2");
    expect(clientIpFrom("10.0.0.5", 3)).toBe("10.0.0.5");
    expect(clientIpFrom("::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
    expect(clientIpFrom(null, 0)).toBeNull();
  });

  it("reads Headers and plain header objects", () => {
    expect(requestMetaFrom(new Headers({ "x-forwarded-for": "192.0.2.1", "user-agent": "UA" }), 0)).toEqual({ ip: "192.0.2.1", userAgent: "UA" });
    expect(requestMetaFrom({ "x-forwarded-for": ["192.0.2.1", "192.0.2.2"] }, 0)).toEqual({ ip: "192.0.2.2", userAgent: null });
  });
});
