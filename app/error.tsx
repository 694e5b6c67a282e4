"use client";
import { Button } from "@/components/ui/button";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="mb-4 text-std-28B-150">問題が発生しました</h1>
      <p className="mb-4 text-std-16N-170">
        申し訳ありません。処理中に問題が発生しました。しばらく待ってから、もう一度お試しください。解決しない場合は管理者にお問い合わせください。
      </p>
      {error.digest ? <p className="mb-8 text-dns-14N-130 text-solid-gray-600">お問い合わせ番号: {error.digest}</p> : null}
      <Button onClick={reset}>もう一度試す</Button>
    </main>
  );
}
