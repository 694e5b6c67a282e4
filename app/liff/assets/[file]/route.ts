// GET /liff/assets/<file> — the LIFF pages' scripts, stylesheet and fonts (lib/liff/bundle.ts). File
// names carry a content hash, so they are cached for good; only names the build writes are served.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import { liffAssetsDir } from "@/lib/liff/pages";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".map": "application/json",
};

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  const type = TYPES[path.extname(file)];
  if (!type || !/^[\w.-]+$/.test(file) || file.startsWith(".") || file === "manifest.json") return new Response("Not found", { status: 404 });
  let bytes: Buffer;
  try {
    bytes = await readFile(path.resolve(liffAssetsDir(env().KAIRAN_NEXT_DIST_DIR, env().NODE_ENV === "development"), file));
  } catch {
    return new Response("Not found", { status: 404 });
  }
  const immutable = env().NODE_ENV === "production";
  return new Response(new Uint8Array(bytes), {
    headers: { "content-type": type, "content-length": String(bytes.length), "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache" },
  });
}
