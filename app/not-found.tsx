import { LinkButton } from "@/components/ui/button";

export const metadata = { title: "ページが見つかりません" };

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="mb-4 text-std-28B-150">ページが見つかりません</h1>
      <p className="mb-8 text-std-16N-170">お探しのページは移動したか、削除された可能性があります。アドレスをご確認ください。</p>
      <LinkButton href="/" variant="secondary">
        トップページへ
      </LinkButton>
    </main>
  );
}
