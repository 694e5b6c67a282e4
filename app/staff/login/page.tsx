// /staff/login — staff sign-in. Public (no session required).
import { redirect } from "next/navigation";
import { currentStaff } from "@/lib/auth/staff-access";
import { env } from "@/lib/env";
import { LoginForm } from "./login-form";

export const metadata = { title: "職員ログイン" };

const REASONS: Record<string, { tone: "info" | "warning"; text: string }> = {
  idle: { tone: "warning", text: "一定時間操作がなかったため、ログアウトしました。もう一度ログインしてください。" },
  ended: { tone: "warning", text: "ログインの有効期限が切れました。もう一度ログインしてください。" },
  "signed-out": { tone: "info", text: "ログアウトしました。" },
  "password-changed": { tone: "info", text: "パスワードを変更しました。新しいパスワードでログインしてください。" },
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  if (await currentStaff()) redirect(callbackUrl);
  const reason = typeof params.reason === "string" ? REASONS[params.reason] : undefined;
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center px-6 py-12">
      <p className="mb-2 text-std-16B-170 text-blue-1000">Kairan（回覧）職員コンソール</p>
      <h1 className="mb-8 text-std-32B-150">ログイン</h1>
      <LoginForm callbackUrl={callbackUrl} notice={reason} lockoutMinutes={env().LOGIN_LOCKOUT_MINUTES} />
    </main>
  );
}

/** Only same-site staff paths: an open redirect would let a phishing link bounce through us. */
function safeCallbackUrl(value: string | undefined): string {
  if (!value || !value.startsWith("/staff") || value.startsWith("//") || value.startsWith("/staff/login")) return "/staff";
  return value;
}
