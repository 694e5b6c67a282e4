// /staff/content — the content residents see in the chat and in LIFF pages.
import { requireStaff } from "@/lib/auth/staff-access";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";

export const metadata = { title: "コンテンツ" };

const AREAS = [
  { name: "自動応答", text: "キーワードに応じてトークで自動返信する内容です。" },
  { name: "リッチメニュー", text: "トーク画面下部のメニューです。登録状況や言語、災害時で切り替えます。" },
  { name: "ごみ分別", text: "品目の辞書と地区ごとの収集日です。" },
  { name: "保育施設", text: "施設の情報と空き状況です。" },
];

export default async function ContentPage() {
  await requireStaff("content.view");
  return (
    <>
      <PageHeader title="コンテンツ" description="住民がトークや LIFF の画面で見る内容を管理します。" />
      <Alert tone="info" title="コンテンツの編集機能は準備中です">
        次の項目は、それぞれの機能の追加とともにこの画面から編集できるようになります。この版の Kairan には含まれていません。
      </Alert>
      <ul className="grid gap-4 sm:grid-cols-2">
        {AREAS.map((area) => (
          <li key={area.name} className="rounded-12 border border-solid-gray-420 p-5">
            <h2 className="mb-1 text-std-18B-160">{area.name}</h2>
            <p className="text-solid-gray-700">{area.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
