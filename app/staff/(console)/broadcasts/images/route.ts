// /staff/broadcasts/images — images for the composer: GET the recent uploads, POST a new one
// (multipart field "file"; resized and stored, lib/broadcasts/images.ts). A route handler rather than
// a server action because photos are larger than a server action's body limit.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { toErrorResponse, AppError } from "@/lib/errors";
import { recentImages, uploadBroadcastImage } from "@/lib/broadcasts/images";

export async function GET() {
  await requireStaff("broadcasts.draft");
  return Response.json({ images: await recentImages(db) }, { headers: { "cache-control": "no-store" } });
}

export async function POST(request: Request) {
  const staff = await requireStaff("broadcasts.draft");
  try {
    const form = await request.formData().catch(() => null);
    const file = form?.get("file");
    if (!(file instanceof File)) throw new AppError("INVALID_INPUT", { userMessage: "画像ファイルを選んでください。" });
    const image = await uploadBroadcastImage(db, { file, actor: staff });
    return Response.json({ image }, { status: 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
