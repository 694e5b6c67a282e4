"use client";
import { useRef, useState } from "react";
import { signIn } from "next-auth/react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

const MESSAGES = {
  INVALID: "メールアドレスまたはパスワードが正しくありません。入力内容をご確認ください。",
  EMPTY: "メールアドレスとパスワードを入力してください。",
  NETWORK: "サーバーに接続できませんでした。通信環境をご確認のうえ、もう一度お試しください。",
} as const;

export function LoginForm({
  callbackUrl,
  notice,
  lockoutMinutes,
}: {
  callbackUrl: string;
  notice?: { tone: "info" | "warning"; text: string };
  lockoutMinutes: number;
}) {
  const lockedMessage = `ログインに続けて失敗したため、このメールアドレスでのログインを一時的に停止しています。${lockoutMinutes}分ほど待ってから、もう一度お試しください。`;
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) return show(MESSAGES.EMPTY);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false, callbackUrl });
      if (!result || result.error) {
        show(result?.error === "LOCKED" ? lockedMessage : MESSAGES.INVALID);
        return;
      }
      window.location.assign(callbackUrl);
    } catch {
      show(MESSAGES.NETWORK);
    } finally {
      setPending(false);
    }
  }

  function show(message: string) {
    setError(message);
    requestAnimationFrame(() => errorRef.current?.focus());
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-describedby={error ? "login-error" : undefined}>
      {notice && !error ? (
        <Alert tone={notice.tone} live>
          {notice.text}
        </Alert>
      ) : null}
      <div ref={errorRef} tabIndex={-1} className="outline-none">
        {error ? (
          <Alert tone="error" live id="login-error">
            {error}
          </Alert>
        ) : null}
      </div>
      <TextField label="メールアドレス" name="email" type="email" autoComplete="username" required inputMode="email" spellCheck={false} />
      <TextField label="パスワード" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "ログインしています…" : "ログイン"}
      </Button>
      <p className="mt-6 text-std-16N-170 text-solid-gray-600">
        パスワードを忘れた場合は、所属の管理者にパスワードの再発行を依頼してください。
      </p>
    </form>
  );
}
