import { LinkButton } from "@/components/ui/button";

export default function Home() {
  return (
    <main id="main" className="mx-auto max-w-3xl px-6 py-16">
      <p className="mb-2 text-std-16B-170 text-blue-1000">Kairan（回覧）</p>
      <h1 className="mb-4 text-std-32B-150">自治体の LINE 公式アカウント運用システム</h1>
      <p className="mb-8 text-std-16N-170">
        住民の皆さまへのお知らせ配信、申請の受付と審査、相談窓口を、ひとつのシステムで運用します。職員の方は、職員コンソールにログインしてください。
      </p>
      <LinkButton href="/staff" variant="primary">
        職員コンソールへ
      </LinkButton>
    </main>
  );
}
