// /staff/content — the content residents see in the chat and in LIFF pages.
import Link from "next/link";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { PageHeader } from "@/components/staff/page-header";
import { StatusBadge } from "@/components/ui/status-badge";

export const metadata = { title: "コンテンツ" };

export default async function ContentPage() {
  await requireStaff("content.view");
  const [rules, templates, menus, state] = await Promise.all([
    db.autoReplyRule.count({ where: { active: true } }),
    db.flexTemplate.count(),
    db.richMenu.count({ where: { activeSlot: { not: null } } }),
    db.richMenuState.findUnique({ where: { id: 1 }, select: { disasterMode: true } }),
  ]);
  const areas = [
    { name: "自動応答", href: "/staff/content/auto-replies", text: "キーワードに応じてトークで自動返信する内容です。", status: `有効なルール ${rules}件` },
    { name: "Flex テンプレート", href: "/staff/content/flex-templates", text: "自動応答で返す、カードやボタンのあるメッセージです。", status: `${templates}件` },
    {
      name: "リッチメニュー",
      href: "/staff/content/rich-menus",
      text: "トーク画面下部のメニューです。登録状況や言語、災害時で切り替えます。",
      status: `公開中 ${menus}件${state?.disasterMode ? "・災害モード実施中" : ""}`,
    },
  ];
  const coming = [
    { name: "ごみ分別", text: "品目の辞書と地区ごとの収集日です。ごみ分別の機能とともに追加されます。" },
    { name: "保育施設", text: "施設の情報と空き状況です。保育施設検索の機能とともに追加されます。" },
  ];
  return (
    <>
      <PageHeader title="コンテンツ" description="住民がトークや LIFF の画面で見る内容を管理します。" />
      <ul className="grid gap-4 sm:grid-cols-2">
        {areas.map((area) => (
          <li key={area.name} className="rounded-12 border border-solid-gray-420 p-5">
            <h2 className="mb-1 text-std-18B-160">
              <Link href={area.href}>{area.name}</Link>
            </h2>
            <p className="text-solid-gray-700">{area.text}</p>
            <p className="mt-2 text-dns-16N-130 text-solid-gray-600">{area.status}</p>
          </li>
        ))}
        {coming.map((area) => (
          <li key={area.name} className="rounded-12 border border-dashed border-solid-gray-420 p-5">
            <h2 className="mb-1 flex items-center gap-2 text-std-18B-160">
              {area.name} <StatusBadge>準備中</StatusBadge>
            </h2>
            <p className="text-solid-gray-700">{area.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
