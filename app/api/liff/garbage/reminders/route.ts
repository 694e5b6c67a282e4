// PUT /api/liff/garbage/reminders {categoryId, enabled} — 「前日20時に通知」 for one category.
import { db } from "@/lib/db";
import { liffRoute, readJson } from "@/lib/liff/auth";
import { setLiffReminder } from "@/lib/garbage/resident-view";

export const PUT = liffRoute(async ({ request, identity }) => {
  const input = (await readJson(request)) as { enabled?: boolean };
  const result = await setLiffReminder(db, identity, input as never);
  return Response.json({ ...result, message: input.enabled ? "前日の20時にお知らせします。" : "お知らせを止めました。" });
});
