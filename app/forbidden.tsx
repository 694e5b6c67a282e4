import { LinkButton } from "@/components/ui/button";

export const metadata = { title: "権限がありません" };

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="mb-4 text-std-28B-150">この操作を行う権限がありません</h1>
      <p className="mb-8 text-std-16N-170">
        このページや操作は、お使いのアカウントの役割では利用できません。必要な場合は、管理者に役割の追加を依頼してください。
      </p>
      <LinkButton href="/staff" variant="primary">
        ダッシュボードへ戻る
      </LinkButton>
    </main>
  );
}
