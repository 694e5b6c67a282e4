// POST /api/liff/tester-link {code} — links the LINE account of the verified ID token as the test-send
// destination of the staff member who issued the code (lib/broadcasts/testers.ts).
import { z } from "@/lib/zod";
import { db } from "@/lib/db";
import { liffRoute, readJson } from "@/lib/liff/auth";
import { linkTesterAccount } from "@/lib/broadcasts/testers";

const bodySchema = z.object({ code: z.string().trim().min(4, "登録コードを入力してください").max(20) });

export const POST = liffRoute(async ({ request, identity }) => {
  const { code } = bodySchema.parse(await readJson(request));
  const { staffName } = await linkTesterAccount(db, { code, lineUserId: identity.lineUserId, displayName: identity.displayName });
  return Response.json({ message: `${staffName}さんのテスト送信先として、この LINE アカウントを登録しました。` });
});
