"use client";
// /liff/tester: confirms and links this LINE account as a staff member's test-send destination.
import { useState } from "react";
import { useLiff } from "@/components/liff/liff-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function TesterLink() {
  const { api, session } = useLiff();
  const [code] = useState(() => new URLSearchParams(window.location.search).get("code") ?? "");
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  if (!code) return <Alert tone="error">登録コードがありません。職員コンソールの「テスト送信先」に表示されたリンクから開いてください。</Alert>;
  if (result?.tone === "success") return <Alert tone="success" live>{result.text}</Alert>;

  async function link() {
    setPending(true);
    try {
      const answer = await api<{ message: string }>("tester-link", { method: "POST", body: { code } });
      setResult({ tone: "success", text: answer.message });
    } catch (error) {
      setResult({ tone: "error", text: (error as Error).message });
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      {result ? (
        <Alert tone="error" live>
          {result.text}
        </Alert>
      ) : null}
      <p className="mb-4 text-std-16N-170">
        この LINE アカウント{session.displayName ? `（${session.displayName}）` : ""}を、職員コンソールのテスト送信先として登録します。住民の方は操作しないでください。
      </p>
      <p className="mb-6 text-std-16N-170">
        登録コード：<span className="font-mono text-std-17B-170">{code}</span>
      </p>
      <Button onClick={link} disabled={pending} className="w-full">
        {pending ? "登録しています…" : "テスト送信先として登録する"}
      </Button>
    </>
  );
}
