// /staff/content/garbage/unanswered — what residents asked that the dictionary could not answer,
// most asked first; each can become a synonym (スマホ → 携帯電話) or be marked as dealt with.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { oneOf, pageParam, param, withParams, type SearchParams } from "@/lib/http/search-params";
import { findUnanswered } from "@/lib/garbage/unanswered";
import { formatDateTime, formatNumber } from "@/lib/format";
import { PageHeader } from "@/components/staff/page-header";
import { StatusFilter } from "@/components/staff/status-filter";
import { Alert } from "@/components/ui/alert";
import { Pagination } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { GarbageNav } from "@/components/garbage/garbage-nav";
import { ResolveUnansweredForm } from "@/components/garbage/small-forms";
import { dictionaryFromParams } from "../dictionary";
import { dismissUnansweredAction, resolveUnansweredAction } from "../actions";

export const metadata = { title: "答えられなかった質問" };

const SOURCE_LABELS: Record<string, string> = { chat: "トーク", liff: "LIFF の検索" };

export default async function GarbageUnansweredPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("content.view");
  const params = await searchParams;
  const { dictionary } = await dictionaryFromParams(params);
  if (!dictionary) {
    return (
      <>
        <PageHeader title="答えられなかった質問" />
        <Alert tone="info">辞書がまだありません。ごみ分別の概要から取り込んでください。</Alert>
      </>
    );
  }
  const status = oneOf(param(params, "status"), ["resolved"] as const) ?? "open";
  const page = pageParam(params);
  const result = await findUnanswered(db, { dictionaryId: dictionary.id, status, page, pageSize: 30 });
  const canEdit = staff.can("content.edit") && status === "open";
  return (
    <>
      <PageHeader
        title={`答えられなかった質問（${dictionary.name}）`}
        description="住民がトークや LIFF で調べて、辞書に見つからなかった言葉です（だれが調べたかは記録していません）。辞書にある品目名への言い換えにすると、次から答えられます。"
      />
      <GarbageNav current="/staff/content/garbage/unanswered" dictionarySlug={dictionary.active ? undefined : dictionary.slug} />
      {param(params, "synonym") ? (
        <Alert tone="success" live>
          言い換え「{param(params, "synonym")}」を追加しました。次からはこの言葉でも答えられます。
        </Alert>
      ) : null}
      {param(params, "dismissed") ? (
        <Alert tone="success" live>
          対応済みにしました。
        </Alert>
      ) : null}
      <StatusFilter
        label="表示する質問"
        path="/staff/content/garbage/unanswered"
        current={status === "resolved" ? "resolved" : undefined}
        allLabel="未対応"
        options={[{ value: "resolved", label: "対応済み" }]}
        extra={{ d: dictionary.active ? undefined : dictionary.slug }}
      />
      <Table
        caption={`${status === "open" ? "未対応" : "対応済み"}の質問 ${formatNumber(result.total)}件`}
        rows={result.rows}
        rowKey={(r) => String(r.id)}
        empty={status === "open" ? "未対応の質問はありません。" : "対応済みの質問はありません。"}
        columns={[
          { key: "example", header: "住民が送った言葉", rowHeader: true, cell: (r) => r.example },
          { key: "count", header: "回数", align: "right", cell: (r) => formatNumber(r.count) },
          { key: "last", header: "最後に調べられた日時", cell: (r) => `${formatDateTime(r.lastAskedAt)}（${SOURCE_LABELS[r.lastSource] ?? r.lastSource}）` },
          canEdit
            ? { key: "action", header: "対応", cell: (r) => <ResolveUnansweredForm queryId={r.id} example={r.example} resolve={resolveUnansweredAction} dismiss={dismissUnansweredAction} /> }
            : { key: "resolution", header: "対応", cell: (r) => (r.resolution ? (r.resolution === "dismissed" ? "言い換えなしで対応済み" : r.resolution.replace(/^synonym:/, "言い換え ")) : "—") },
        ]}
      />
      <Pagination page={page} pageCount={result.pageCount} hrefFor={(p) => withParams("/staff/content/garbage/unanswered", params, { page: p })} />
    </>
  );
}
