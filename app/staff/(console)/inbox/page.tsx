// /staff/inbox — 相談窓口: conversations by filter (対応中・未割り当て・自分の担当・対応済み) with
// unread counts, and the selected conversation (?c=) with reply, templates, assignee, status,
// internal notes and the resident's registered attributes (on request, audited). New messages
// appear without a reload (InboxLiveUpdates polls /staff/inbox/updates).
import Link from "next/link";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { INBOX_FILTERS, findConversations, inboxStaff, inboxVersion, inboxFilterSchema, openConversation, type InboxFilter } from "@/lib/inbox/conversations";
import { pageParam, param, withParams, type SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import { StatusBadge } from "@/components/ui/status-badge";
import { cx } from "@/components/ui/cx";
import { ConversationList } from "@/components/inbox/conversation-list";
import { Timeline } from "@/components/inbox/timeline";
import { ReplyForm } from "@/components/inbox/reply-form";
import { AssignForm, NoteForm, ResidentAttributesPanel, StatusForm } from "@/components/inbox/small-forms";
import { InboxLiveUpdates } from "@/components/inbox/live-updates";
import { addInboxNoteAction, assignConversationAction, sendInboxReplyAction, setConversationStatusAction, viewResidentAttributesAction } from "./actions";

export const metadata = { title: "受信箱" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMPTY: Record<InboxFilter, string> = {
  open: "対応中の相談はありません。",
  unassigned: "担当者が決まっていない相談はありません。",
  mine: "あなたが担当している対応中の相談はありません。",
  resolved: "対応済みの相談はありません。",
};

export default async function InboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("inbox.reply");
  const params = await searchParams;
  const filter = inboxFilterSchema.parse(param(params, "filter"));
  const page = pageParam(params, 500);
  const selectedId = param(params, "c");
  const [list, version] = await Promise.all([findConversations(db, { filter, staffId: staff.id, page }), inboxVersion(db)]);
  const conversation = selectedId && UUID.test(selectedId) ? await openConversation(db, { id: selectedId }) : null;
  const [staffOptions, templates] = conversation
    ? await Promise.all([inboxStaff(db), db.replyTemplate.findMany({ orderBy: [{ sortOrder: "asc" }, { title: "asc" }], select: { id: true, title: true, body: true } })])
    : [[], []];
  const residentName = conversation?.resident.displayName ?? "（名前未取得）";

  return (
    <>
      <PageHeader
        title="受信箱（相談窓口）"
        description="住民から LINE のトークで届いた相談・問い合わせです。自動応答や各機能が答えなかったメッセージがここに届きます。"
        actions={
          <LinkButton href="/staff/inbox/templates" variant="secondary" size="sm">
            返信の定型文
          </LinkButton>
        }
      />
      <InboxLiveUpdates version={version} unread={list.counts.open.unread} />
      <div className="grid gap-6 xl:grid-cols-[22rem_minmax(0,1fr)]">
        <section aria-labelledby="list-heading">
          <h2 id="list-heading" className="sr-only">
            相談の一覧
          </h2>
          <nav aria-label="相談の絞り込み" className="mb-4">
            <ul className="flex flex-wrap gap-2">
              {(Object.keys(INBOX_FILTERS) as InboxFilter[]).map((key) => {
                const count = list.counts[key];
                const current = key === filter;
                return (
                  <li key={key}>
                    <Link
                      href={key === "open" ? "/staff/inbox" : `/staff/inbox?filter=${key}`}
                      aria-current={current ? "page" : undefined}
                      className={cx(
                        "inline-flex min-h-11 items-center gap-1 rounded-8 border px-3 py-1 text-dns-16N-130 no-underline",
                        current ? "border-blue-900 bg-blue-900 font-bold text-white hover:text-white" : "border-solid-gray-420 text-solid-gray-800 hover:bg-blue-50",
                      )}
                    >
                      {INBOX_FILTERS[key]}
                      <span>（{count.total}件{count.unread > 0 && key !== "resolved" ? `・未読${count.unread}` : ""}）</span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <ConversationList rows={list.rows} selectedId={conversation?.id} hrefFor={(id) => withParams("/staff/inbox", params, { c: id })} emptyText={EMPTY[filter]} />
          <Pagination page={page} pageCount={list.pageCount} hrefFor={(p) => withParams("/staff/inbox", params, { page: p })} label="相談の一覧のページ送り" />
        </section>

        <section aria-labelledby="conversation-heading" className="min-w-0">
          {!conversation ? (
            <>
              <h2 id="conversation-heading" className="mb-2 text-std-20B-150">
                相談の内容
              </h2>
              {selectedId ? (
                <Alert tone="warning">この相談は見つかりませんでした。一覧から選び直してください。</Alert>
              ) : (
                <p className="text-solid-gray-600">一覧から相談を選ぶと、やり取りがここに表示されます。</p>
              )}
            </>
          ) : (
            <div className="flex flex-col gap-6">
              <div className="flex flex-wrap items-start justify-between gap-4">
                <div>
                  <h2 id="conversation-heading" className="text-std-20B-150">
                    {residentName}さんとの相談
                  </h2>
                  <p className="mt-1 flex flex-wrap items-center gap-2 text-dns-16N-130 text-solid-gray-700">
                    <StatusBadge tone={conversation.status === "OPEN" ? "warning" : "success"}>{conversation.status === "OPEN" ? "対応中" : "対応済み"}</StatusBadge>
                    <span>担当：{conversation.assignedToName ?? "未割り当て"}</span>
                    <span>{conversation.resident.registeredAt ? "住民登録済み" : "住民登録なし"}</span>
                  </p>
                </div>
                <StatusForm key={`status-${conversation.id}`} conversationId={conversation.id} status={conversation.status} action={setConversationStatusAction} />
              </div>
              {conversation.resident.followStatus === "BLOCKED" ? (
                <Alert tone="warning" title="この住民はアカウントをブロックしています">
                  返信しても届きません。ブロックが解除されると、また送れるようになります。
                </Alert>
              ) : null}
              <Timeline items={conversation.items} residentName={residentName} olderMessages={conversation.olderMessages} />
              <ReplyForm key={`reply-${conversation.id}`} conversationId={conversation.id} templates={templates} action={sendInboxReplyAction} disabled={conversation.resident.followStatus === "BLOCKED"} />
              <div className="grid gap-6 lg:grid-cols-2">
                <div className="flex flex-col gap-6">
                  <div className="rounded-12 border border-solid-gray-420 p-5">
                    <AssignForm key={`assign-${conversation.id}`} conversationId={conversation.id} assigneeId={conversation.assignedToId} staff={staffOptions} action={assignConversationAction} />
                  </div>
                  <NoteForm key={`note-${conversation.id}`} conversationId={conversation.id} action={addInboxNoteAction} />
                </div>
                {staff.can("residents.view-personal") ? <ResidentAttributesPanel key={`attrs-${conversation.id}`} conversationId={conversation.id} action={viewResidentAttributesAction} /> : null}
              </div>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
