// /staff/content/rich-menus — リッチメニュー: menus for unregistered and registered residents, per
// language, and the disaster-mode menu; LINE's default menu; the disaster switch (one action puts
// the disaster menu in place for every friend, another restores each resident's menu).
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { AUDIENCE_LABELS } from "@/lib/rich-menus/manage";
import { LANGUAGE_LABELS } from "@/lib/residents/labels";
import { formatDateTime, formatNumber } from "@/lib/format";
import { param, type SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { DisasterSwitch, RefreshWhileApplying } from "./menu-actions";
import { switchDisasterModeAction } from "../actions";

export const metadata = { title: "リッチメニュー" };

export default async function RichMenusPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("content.view");
  const params = await searchParams;
  const [menus, state] = await Promise.all([
    db.richMenu.findMany({ orderBy: [{ audience: "asc" }, { language: "asc" }, { createdAt: "desc" }], omit: { image: true } }),
    db.richMenuState.findUnique({ where: { id: 1 } }),
  ]);
  const disasterReady = menus.some((m) => m.audience === "DISASTER" && m.activeSlot);
  const applying = state && state.version > 0 && !state.applyFinishedAt;
  const status = (m: (typeof menus)[number]) =>
    m.activeSlot ? (
      <span className="flex flex-wrap gap-1">
        <StatusBadge tone="success">公開中</StatusBadge>
        {state?.defaultMenuId === m.id ? <StatusBadge tone="info">既定</StatusBadge> : null}
      </span>
    ) : m.lineRichMenuId ? (
      <StatusBadge tone="neutral">公開終了</StatusBadge>
    ) : (
      <StatusBadge tone="warning">下書き</StatusBadge>
    );
  return (
    <>
      <PageHeader
        title="リッチメニュー"
        description="トーク画面の下に表示するメニューです。住民登録の有無と言語で切り替わり、災害時は全員に災害用のメニューを表示します。"
        actions={
          staff.can("content.edit") ? (
            <LinkButton href="/staff/content/rich-menus/new" variant="primary">
              リッチメニューを作成する
            </LinkButton>
          ) : null
        }
      />
      {param(params, "deleted") ? <Alert tone="success" live>下書きを削除しました。</Alert> : null}

      <section aria-labelledby="disaster-heading" className={`mb-10 rounded-12 border-2 p-5 ${state?.disasterMode ? "border-error-2 bg-red-50" : "border-solid-gray-420"}`}>
        <h2 id="disaster-heading" className="mb-2 text-std-20B-150">
          災害モード：{state?.disasterMode ? "実施中" : "通常"}
        </h2>
        <p className="mb-4">
          {state?.disasterMode
            ? `${formatDateTime(state.disasterModeSince)} から、すべての友だちに災害モード用のメニューを表示しています。`
            : "災害時に、すべての友だちのメニューを災害モード用のメニュー（避難所・防災情報など）に切り替えます。"}
        </p>
        {state && state.version > 0 ? (
          <p className="mb-4 text-dns-16N-130" role="status">
            {applying
              ? `メニューを切り替えています：${formatNumber(state.applyDone)} / ${formatNumber(state.applyTotal)} 人${state.applyError ? `（再試行中：${state.applyError}）` : ""}`
              : `最後の切り替え：${formatDateTime(state.applyFinishedAt)} に完了（${formatNumber(state.applyDone)} 人）`}
          </p>
        ) : null}
        <RefreshWhileApplying active={Boolean(applying)} />
        {staff.can("broadcasts.send-emergency") ? (
          <DisasterSwitch on={state?.disasterMode ?? false} ready={disasterReady} action={switchDisasterModeAction} />
        ) : (
          <p className="text-solid-gray-600">切り替えは、緊急配信の権限を持つ職員（防災担当・管理者）が行えます。</p>
        )}
      </section>

      <Table
        caption={`リッチメニュー ${menus.length}件`}
        rows={menus}
        rowKey={(m) => m.id}
        empty="リッチメニューはまだありません。"
        columns={[
          { key: "name", header: "名前", rowHeader: true, cell: (m) => <TextLink href={`/staff/content/rich-menus/edit?id=${m.id}`}>{m.name}</TextLink> },
          { key: "audience", header: "表示する相手", cell: (m) => AUDIENCE_LABELS[m.audience] },
          { key: "language", header: "言語", cell: (m) => (m.language ? (LANGUAGE_LABELS[m.language] ?? m.language) : "すべて") },
          { key: "size", header: "大きさ", cell: (m) => `${m.width}×${m.height}` },
          { key: "status", header: "状態", cell: status },
          { key: "published", header: "公開日時", cell: (m) => formatDateTime(m.publishedAt) },
        ]}
      />
    </>
  );
}
