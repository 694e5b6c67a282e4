// Images uploaded in the composer: checked to be an image, resized (LINE shows images ≤ 1,024 px wide
// at full size and uses a small preview in the chat list), re-encoded as JPEG (which also drops any
// metadata such as a photo's location), stored in the database and served by the app to LINE
// (/liff/images/{id}/original.jpg and preview.jpg).
import sharp from "sharp";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";

/** LINE: originalContentUrl ≤ 10 MB, previewImageUrl ≤ 1 MB (image message reference). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const ORIGINAL_WIDTH = 1024;
export const PREVIEW_WIDTH = 240;

export async function uploadBroadcastImage(db: Db, options: { file: File; actor: AuditActor & { id: string } }): Promise<{ id: string; width: number; height: number }> {
  if (options.file.size === 0) throw new AppError("INVALID_INPUT", { userMessage: "画像ファイルを選んでください。" });
  if (options.file.size > MAX_UPLOAD_BYTES) throw new AppError("INVALID_INPUT", { userMessage: "画像は10MB以下にしてください。" });
  const input = Buffer.from(await options.file.arrayBuffer());
  let original: { data: Buffer; info: { width: number; height: number } };
  let preview: Buffer;
  try {
    // rotate(): apply the EXIF orientation before the metadata is dropped.
    original = await sharp(input, { limitInputPixels: 50_000_000 }).rotate().resize({ width: ORIGINAL_WIDTH, withoutEnlargement: true }).flatten({ background: "#ffffff" }).jpeg({ quality: 85, mozjpeg: true }).toBuffer({ resolveWithObject: true });
    preview = await sharp(original.data).resize({ width: PREVIEW_WIDTH, withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer();
  } catch (error) {
    throw new AppError("INVALID_INPUT", { userMessage: "画像として読み込めませんでした。JPEG か PNG の画像を選んでください。", cause: error });
  }
  return db.$transaction(async (tx) => {
    const image = await tx.broadcastImage.create({
      data: {
        original: new Uint8Array(original.data),
        preview: new Uint8Array(preview),
        width: original.info.width,
        height: original.info.height,
        fileName: options.file.name.slice(0, 200) || "image",
        createdById: options.actor.id,
      },
      select: { id: true, width: true, height: true },
    });
    await writeAudit(tx, { actor: options.actor, action: "broadcast.image-upload", target: { type: "broadcast-image", id: image.id }, summary: { fileName: options.file.name, bytes: options.file.size } });
    return image;
  });
}

export async function recentImages(db: Db, limit = 24) {
  return db.broadcastImage.findMany({ orderBy: { createdAt: "desc" }, take: limit, select: { id: true, fileName: true, width: true, height: true, createdAt: true } });
}
