// /staff/content/auto-replies — 自動応答: keyword rules (exact / contains / regular expression) in
// priority order, and the test box 「この文章にはどう応答する?」 that shows which rule fires now and
// a preview of the reply.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { findAutoReply } from "@/lib/auto-replies/find-auto-reply";
import { MATCH_TYPE_LABELS } from "@/lib/auto-replies/manage";
import { isRuleInEffect, keywordsOf } from "@/lib/auto-replies/match";
import { param, type SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { Button, LinkButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { LinePreview } from "@/components/line-preview";
import { describeSchedule } from "./rule-values";

export const metadata = { title: "自動応答" };

export default async function AutoRepliesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("content.view");
  const params = await searchParams;
  const test = param(params, "test");
  const now = new Date();
  const [rules, municipality] = await Promise.all([
    db.autoReplyRule.findMany({ orderBy: [{ priority: "asc" }, { createdAt: "asc" }], include: { flexTemplate: { select: { name: true } } } }),
    db.municipality.findUnique({ where: { id: 1 }, select: { name: true } }),
  ]);
  const hit = test ? await findAutoReply(db, { text: test, now }) : null;
  return (
    <>
      <PageHeader
        title="自動応答"
        description={
          <>
            住民がトークで送ったメッセージにキーワードで自動返信します。当てはまらないメッセージは、ほかの機能（ごみ分別など）が答えなければ<TextLink href="/staff/inbox">受信箱</TextLink>に届きます。
          </>
        }
        actions={
          staff.can("content.edit") ? (
            <LinkButton href="/staff/content/auto-replies/new" variant="primary">
              自動応答を追加する
            </LinkButton>
          ) : null
        }
      />
      {param(params, "saved") ? <Alert tone="success" live>自動応答を保存しました。</Alert> : null}
      {param(params, "deleted") ? <Alert tone="success" live>自動応答を削除しました。</Alert> : null}

      <section aria-labelledby="test-heading" className="mb-10 rounded-12 border border-solid-gray-420 p-5">
        <h2 id="test-heading" className="mb-4 text-std-20B-150">
          この文章にはどう応答する?
        </h2>
        <form method="get" className="flex flex-wrap items-end gap-4">
          <TextField label="住民が送る文章" name="test" defaultValue={test ?? ""} className="min-w-72 flex-1" hint="いまの設定と日時で、どのルールが応答するかを調べます（住民には送られません）。" />
          <div className="mb-6">
            <Button type="submit" variant="secondary">
              調べる
            </Button>
          </div>
        </form>
        {test ? (
          <div aria-live="polite">
            {hit ? (
              <div className="grid gap-6 md:grid-cols-[1fr_auto]">
                <div>
                  <p className="text-std-17B-170">
                    ルール「{hit.rule.name}」が応答します。
                  </p>
                  <p className="mt-1 text-solid-gray-700">右は住民のトーク画面での見え方です。</p>
                </div>
                <LinePreview messages={hit.messages} title={municipality?.name ?? "LINE 公式アカウント"} />
              </div>
            ) : (
              <p className="text-std-17B-170">どの自動応答にも当てはまりません。ほかの機能が答えなければ、受信箱に届き、住民には受付のお知らせを返します。</p>
            )}
          </div>
        ) : null}
      </section>

      <Table
        caption={`自動応答 ${rules.length}件（優先順位の順）`}
        rows={rules}
        rowKey={(r) => r.id}
        empty="自動応答はまだありません。"
        columns={[
          { key: "priority", header: "優先順位", align: "right", cell: (r) => r.priority },
          {
            key: "name",
            header: "名前",
            rowHeader: true,
            cell: (r) => (staff.can("content.edit") ? <TextLink href={`/staff/content/auto-replies/edit?id=${r.id}`}>{r.name}</TextLink> : r.name),
          },
          { key: "match", header: "一致のしかた", cell: (r) => MATCH_TYPE_LABELS[r.matchType] },
          { key: "pattern", header: "キーワード", cell: (r) => (r.matchType === "REGEX" ? <code>{r.pattern}</code> : keywordsOf(r.pattern).join("、")) },
          { key: "reply", header: "返信", cell: (r) => [r.replyText ? "テキスト" : null, r.flexTemplate ? `Flex「${r.flexTemplate.name}」` : null].filter(Boolean).join("＋") },
          { key: "schedule", header: "期間・時間帯", cell: (r) => describeSchedule(r) },
          {
            key: "state",
            header: "状態",
            cell: (r) => (isRuleInEffect(r, now) ? <StatusBadge tone="success">応答中</StatusBadge> : r.active ? <StatusBadge tone="neutral">期間外</StatusBadge> : <StatusBadge tone="neutral">無効</StatusBadge>),
          },
        ]}
      />
    </>
  );
}
