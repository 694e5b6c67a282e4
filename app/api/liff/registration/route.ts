// /api/liff/registration — the resident's own registration (GET), saving it (PUT), withdrawing (DELETE).
// The resident is the verified ID token's user (lib/liff/auth.ts).
import { db } from "@/lib/db";
import { enqueue } from "@/lib/jobs/boss";
import { liffRoute, readJson } from "@/lib/liff/auth";
import { getRegistration, registrationDistricts, registrationInputSchema, saveRegistration, withdrawRegistration } from "@/lib/registration/registration";
import { refreshResidentRichMenuJob } from "@/lib/rich-menus/refresh-resident-menu";

/** Registering, a language change and withdrawing each switch the resident's rich menu. */
async function refreshRichMenu(residentId: string): Promise<void> {
  try {
    await enqueue(refreshResidentRichMenuJob, { residentId });
  } catch (error) {
    // The registration is saved either way; the next refresh of this resident's menu catches up.
    console.error("[liff] could not queue the rich menu refresh:", error);
  }
}

export const GET = liffRoute(async ({ identity }) => {
  const [registration, districts] = await Promise.all([getRegistration(db, identity.lineUserId), registrationDistricts(db)]);
  return Response.json({ registration, districts, displayName: identity.displayName });
});

export const PUT = liffRoute(async ({ request, identity }) => {
  const input = registrationInputSchema.parse(await readJson(request));
  const saved = await saveRegistration(db, { lineUserId: identity.lineUserId, displayName: identity.displayName, input });
  await refreshRichMenu(saved.residentId);
  return Response.json({
    message: saved.firstTime ? "登録しました。これから、登録した内容にあわせてお知らせをお届けします。" : "変更を保存しました。",
    registration: await getRegistration(db, identity.lineUserId),
  });
});

export const DELETE = liffRoute(async ({ identity }) => {
  const withdrawn = await withdrawRegistration(db, { lineUserId: identity.lineUserId });
  if (withdrawn) await refreshRichMenu(withdrawn.residentId);
  return Response.json({
    message: "登録を削除し、同意を取り消しました。すべての友だち向けのお知らせは引き続き届きます。届かないようにするには、アカウントをブロックしてください。",
    registration: await getRegistration(db, identity.lineUserId),
  });
});
