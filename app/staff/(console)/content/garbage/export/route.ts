// GET /staff/content/garbage/export?file=target.csv&d=<slug> — one file of a dictionary in the 5374
// format (content.view): target.csv (default), area_days.csv, description.csv, center.csv,
// remarks.csv, area_master.csv. UTF-8 without BOM, as 5374 apps read it. Audited.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { exportDictionary } from "@/lib/garbage/import";
import { toErrorResponse, AppError } from "@/lib/errors";

const FILES = ["target.csv", "area_days.csv", "description.csv", "center.csv", "remarks.csv", "area_master.csv"];

export async function GET(request: Request) {
  const staff = await requireStaff("content.view");
  try {
    const url = new URL(request.url);
    const file = url.searchParams.get("file") ?? "target.csv";
    if (!FILES.includes(file)) throw new AppError("INVALID_INPUT", { userMessage: `書き出せるファイルは ${FILES.join("、")} です。` });
    const slug = url.searchParams.get("d");
    const dictionary = slug ? await db.garbageDictionary.findUnique({ where: { slug } }) : await db.garbageDictionary.findFirst({ where: { active: true } });
    if (!dictionary) throw new AppError("NOT_FOUND", { userMessage: "書き出す辞書がありません。先に取り込んでください。" });
    const files = await exportDictionary(db, dictionary.id, { actor: staff });
    const found = files.find((f) => f.name === file);
    if (!found) throw new AppError("NOT_FOUND", { userMessage: "この辞書にはそのファイルがありません（地区のグループがない辞書に area_master.csv はありません）。" });
    return new Response(found.text, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${dictionary.slug}-${file}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
