// GET /liff/images/{id}/original.jpg | preview.jpg — broadcast images, fetched by LINE (no sign-in:
// LINE's servers and residents' phones load them). The id is a random UUID; the bytes never change.
import { z } from "@/lib/zod";
import { db } from "@/lib/db";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string; variant: string }> }) {
  const { id, variant } = await params;
  if (!z.uuid().safeParse(id).success || (variant !== "original.jpg" && variant !== "preview.jpg")) return new Response("Not found", { status: 404 });
  const bytes =
    variant === "original.jpg"
      ? (await db.broadcastImage.findUnique({ where: { id }, select: { original: true } }))?.original
      : (await db.broadcastImage.findUnique({ where: { id }, select: { preview: true } }))?.preview;
  if (!bytes) return new Response("Not found", { status: 404 });
  return new Response(Buffer.from(bytes), {
    headers: { "content-type": "image/jpeg", "cache-control": "public, max-age=31536000, immutable", "content-length": String(bytes.length) },
  });
}
