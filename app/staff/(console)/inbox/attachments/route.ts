// GET /staff/inbox/attachments?id=… — an image or file a resident sent (audited). Without an id it
// lists nothing ({ attachments: [] }): attachments are reached from their conversation.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { readAttachment } from "@/lib/inbox/manage";

export const dynamic = "force-dynamic";

/** Shown inline; everything else downloads (never rendered by the browser as a page). */
const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function GET(request: Request): Promise<Response> {
  const staff = await requireStaff("inbox.reply");
  const id = new URL(request.url).searchParams.get("id");
  if (id === null) return Response.json({ attachments: [] }, { headers: { "cache-control": "no-store" } });
  const attachment = UUID.test(id) ? await readAttachment(db, { id, actor: staff }) : null;
  if (!attachment?.data) return new Response("添付ファイルが見つかりませんでした。", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const inline = INLINE_TYPES.has(attachment.contentType);
  const name = attachment.fileName ?? `attachment-${attachment.id}`;
  return new Response(new Uint8Array(attachment.data), {
    headers: {
      "content-type": inline ? attachment.contentType : "application/octet-stream",
      "content-disposition": `${inline ? "inline" : "attachment"}; filename="${encodeURIComponent(name).replace(/%/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "content-security-policy": "default-src 'none'; sandbox",
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    },
  });
}
