// /staff/broadcasts/[id] — one broadcast: what residents will see (each language, as LINE shows it),
// to whom (the exact count now), when, who drafted, approved and sent it, and — by role and state —
// submit, approve or return, emergency send, cancel, copy, test send; live progress and the report.
import { z } from "@/lib/zod";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { formatDateTime, formatNumber } from "@/lib/format";
import { param, type SearchParams } from "@/lib/http/search-params";
import { BROADCAST_STATUS_LABELS, CANCELABLE_STATUSES, EDITABLE_STATUSES } from "@/lib/broadcasts/statuses";
import { readContent, usesEmergencyTemplate, variantLanguages } from "@/lib/broadcasts/content";
import { buildLineMessages } from "@/lib/broadcasts/line-messages";
import { lineMessageContext } from "@/lib/broadcasts/message-context";
import { describeRecurrence, formatQuietHours, parseQuietHours, recurrenceSchema } from "@/lib/broadcasts/schedule";
import { broadcastRuns } from "@/lib/delivery/progress";
import { DELIVERY_RUN_STATUS_LABELS } from "@/lib/delivery/statuses";
import { EVERYONE, parseSegmentFilter, segmentFilterSchema } from "@/lib/segments/filter";
import { describeFilter } from "@/lib/segments/describe";
import { countSegment } from "@/lib/segments/segment-index";
import { env } from "@/lib/env";
import { LANGUAGE_LABELS_JA, type Language } from "@/lib/registration/options";
import { PageHeader } from "@/components/staff/page-header";
import { LinePreview } from "@/components/line-preview";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { BroadcastActionButton, ReturnForm, TestSendForm } from "@/components/broadcasts/broadcast-actions";
import { DeliveryProgress } from "@/components/broadcasts/delivery-progress";
import {
  approveBroadcastAction,
  cancelBroadcastAction,
  duplicateBroadcastAction,
  returnBroadcastAction,
  sendEmergencyBroadcastAction,
  submitBroadcastAction,
  testSendBroadcastAction,
} from "../actions";

export const metadata = { title: "配信" };

/** The message after an action (the actions redirect here: the page changes with the state). */
function doneMessage(done: string | undefined, next: string | undefined, broadcast: { approvedRecipients: number | null; nextRunAt: Date | null }): string | null {
  const count = broadcast.approvedRecipients === null ? "" : `${formatNumber(broadcast.approvedRecipients)}人`;
  const when = next === "started" ? "配信を開始しました。" : next === "held" ? `配信停止時間帯のため、${formatDateTime(broadcast.nextRunAt)} に配信します。` : next === "scheduled" ? `${formatDateTime(broadcast.nextRunAt)} に配信します。` : "";
  switch (done) {
    case "saved":
      return "下書きを保存しました。内容を確認して、承認を依頼してください。";
    case "submitted":
      return "承認を依頼しました。承認者が確認するまでお待ちください。";
    case "approved":
      return `承認しました（配信対象 ${count}）。${when}`;
    case "returned":
      return "差し戻しました。起案者に理由が表示されます。";
    case "emergency":
      return `緊急配信を送りました（${count}）。${when}`;
    case "canceled":
      return "配信を取り消しました。";
    case "stopped":
      return "配信を中止しました。まだ送っていない分は送りません（すでに LINE が受け付けた分は取り消せません）。";
    default:
      return null;
  }
}

export default async function BroadcastPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("broadcasts.view");
  const { id } = await params;
  const query = await searchParams;
  const broadcast = z.uuid().safeParse(id).success
    ? await db.broadcast.findUnique({ where: { id }, include: { createdBy: { select: { name: true } }, approvedBy: { select: { name: true } }, segment: true } })
    : null;
  const back = (
    <p className="mb-2">
      <TextLink href="/staff/broadcasts">‹ 配信の一覧</TextLink>
    </p>
  );
  if (!broadcast) {
    // The permission matrix opens every page with some id: answer with a page, not an error.
    return (
      <>
        {back}
        <PageHeader title="配信が見つかりません" description="削除されたか、アドレスが正しくありません。一覧から選び直してください。" />
      </>
    );
  }

  const content = readContent(broadcast.content);
  const languages = variantLanguages(content);
  let previews: Partial<Record<Language, ReturnType<typeof buildLineMessages>[Language]>> = {};
  let previewError: string | null = null;
  try {
    previews = buildLineMessages(content, lineMessageContext());
  } catch (error) {
    previewError = (error as Error).message;
  }
  const districts = await db.district.findMany({ select: { id: true, name: true } });
  const accountName = (await db.municipality.findUnique({ where: { id: 1 }, select: { name: true } }))?.name ?? "LINE 公式アカウント";
  const districtNames = new Map(districts.map((d) => [d.id, d.name]));
  const editable = (EDITABLE_STATUSES as readonly string[]).includes(broadcast.status);
  // Before submission the target is the segment as it is now; from submission on, the frozen filter.
  const filter = broadcast.targetFilter
    ? parseSegmentFilter(broadcast.targetFilter)
    : broadcast.segment && editable
      ? (segmentFilterSchema.safeParse(broadcast.segment.filter).data ?? EVERYONE)
      : EVERYONE;
  const sendDate = broadcast.nextRunAt && broadcast.nextRunAt > new Date() ? broadcast.nextRunAt : new Date();
  const { count } = await countSegment(db, filter, { sendDate });
  const runs = await broadcastRuns(db, broadcast.id);
  const otherStaff = await db.staff.findMany({
    where: { id: { in: [broadcast.returnedById, broadcast.canceledById].filter((v): v is string => Boolean(v)) } },
    select: { id: true, name: true },
  });
  const staffName = (staffId: string | null) => otherStaff.find((s) => s.id === staffId)?.name ?? "—";
  const testers = await db.staffLineTester.count({ where: { lineUserId: { not: null } } });
  const recurrence = recurrenceSchema.safeParse(broadcast.recurrence);
  const isAuthor = broadcast.createdById === staff.id;
  const emergencyWithoutApproval = broadcast.emergency && broadcast.approvedById !== null && broadcast.approvedById === broadcast.createdById;
  const status = BROADCAST_STATUS_LABELS[broadcast.status];
  const quiet = formatQuietHours(parseQuietHours(env().BROADCAST_QUIET_HOURS));
  const languageOptions = languages.map((l) => ({ value: l, label: LANGUAGE_LABELS_JA[l] }));

  const schedule =
    broadcast.scheduleKind === "NOW"
      ? "承認されたらすぐ"
      : broadcast.scheduleKind === "AT"
        ? formatDateTime(broadcast.scheduledAt)
        : recurrence.success
          ? describeRecurrence(recurrence.data)
          : "繰り返し";

  return (
    <>
      {back}
      <PageHeader
        title={broadcast.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge tone={status.tone}>{status.label}</StatusBadge>
            {broadcast.emergency ? <StatusBadge tone="error">防災アラート（緊急）</StatusBadge> : null}
            {emergencyWithoutApproval ? <StatusBadge tone="warning">防災担当による承認なしの配信</StatusBadge> : null}
          </span>
        }
        actions={staff.can("broadcasts.draft") ? <BroadcastActionButton action={duplicateBroadcastAction} broadcastId={broadcast.id} label="複製して新しい下書き" variant="secondary" /> : undefined}
      />
      {doneMessage(param(query, "done") ?? (param(query, "saved") ? "saved" : undefined), param(query, "next"), broadcast) ? (
        <Alert tone="success" live>
          {doneMessage(param(query, "done") ?? (param(query, "saved") ? "saved" : undefined), param(query, "next"), broadcast)}
        </Alert>
      ) : null}
      {broadcast.status === "RETURNED" && broadcast.returnComment ? (
        <Alert tone="warning" title={`${staffName(broadcast.returnedById)}さんが差し戻しました（${formatDateTime(broadcast.returnedAt)}）`}>
          {broadcast.returnComment}
        </Alert>
      ) : null}

      <section aria-labelledby="summary-heading" className="mb-8">
        <h2 id="summary-heading" className="sr-only">
          概要
        </h2>
        <dl className="grid gap-x-8 gap-y-3 sm:grid-cols-[10rem_1fr]">
          <dt className="text-std-16B-170">配信先</dt>
          <dd>
            {broadcast.targetFilter || !broadcast.segment ? broadcast.targetLabel : broadcast.segment.name}
            <span className="block text-std-16N-170 text-solid-gray-600">{describeFilter(filter, (i) => districtNames.get(i) ?? `地区${i}`)}（ブロック中の方を除く）</span>
          </dd>
          <dt className="text-std-16B-170">配信対象の人数</dt>
          <dd>
            <span className="text-std-20B-150 tabular-nums" data-testid="recipient-count">
              {formatNumber(count)}人
            </span>
            <span className="ml-2 text-std-16N-170 text-solid-gray-600">（{formatDateTime(sendDate)} 時点で数えた正確な人数）</span>
            {broadcast.approvedRecipients !== null ? <span className="block text-std-16N-170 text-solid-gray-600">承認時：{formatNumber(broadcast.approvedRecipients)}人</span> : null}
          </dd>
          <dt className="text-std-16B-170">配信日時</dt>
          <dd>
            {schedule}
            {broadcast.nextRunAt && (broadcast.status === "APPROVED" || broadcast.status === "SENDING") ? <span className="block">次の配信：{formatDateTime(broadcast.nextRunAt)}</span> : null}
            <span className="block text-std-16N-170 text-solid-gray-600">
              {broadcast.emergency ? "防災アラートは配信停止時間帯でもすぐに送ります。" : broadcast.sendDuringQuietHours ? `配信停止時間帯（${quiet}）でも送ります。` : `配信停止時間帯（${quiet}）に当たるときは、時間帯が終わってから送ります。`}
              {broadcast.notificationDisabled ? "通知は鳴らしません。" : ""}
            </span>
          </dd>
          <dt className="text-std-16B-170">起案</dt>
          <dd>
            {broadcast.createdBy.name}（{formatDateTime(broadcast.createdAt)}）{broadcast.submittedAt ? `・承認依頼 ${formatDateTime(broadcast.submittedAt)}` : ""}
          </dd>
          <dt className="text-std-16B-170">承認</dt>
          <dd>{broadcast.approvedBy ? `${broadcast.approvedBy.name}（${formatDateTime(broadcast.approvedAt)}）${emergencyWithoutApproval ? "・防災担当による緊急配信のため、ほかの職員の承認はありません" : ""}` : "—"}</dd>
          <dt className="text-std-16B-170">配信</dt>
          <dd>{runs.length ? runs.map((r) => `${r.seq}回目：${r.startedByLabel}（${formatDateTime(new Date(r.startedAt))}）`).join("、") : "—"}</dd>
          {broadcast.canceledAt ? (
            <>
              <dt className="text-std-16B-170">取り消し</dt>
              <dd>
                {staffName(broadcast.canceledById)}（{formatDateTime(broadcast.canceledAt)}）
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      {runs.length > 0 ? (
        <section aria-labelledby="progress-heading" className="mb-8">
          <h2 id="progress-heading" className="mb-3 text-std-20B-150">
            配信の状況
          </h2>
          <DeliveryProgress broadcastId={broadcast.id} initial={runs[0] ?? null} status={broadcast.status} />
          {runs.length > 1 || runs.some((r) => r.failed > 0) ? (
            <div className="mt-4">
              <Table
                caption="配信の記録"
                rows={runs}
                rowKey={(r) => r.runId}
                columns={[
                  { key: "seq", header: "回", rowHeader: true, cell: (r) => `${r.seq}回目` },
                  { key: "started", header: "開始", cell: (r) => formatDateTime(new Date(r.startedAt)) },
                  { key: "status", header: "結果", cell: (r) => <StatusBadge tone={DELIVERY_RUN_STATUS_LABELS[r.status].tone}>{DELIVERY_RUN_STATUS_LABELS[r.status].label}</StatusBadge> },
                  { key: "recipients", header: "対象", align: "right", cell: (r) => `${formatNumber(r.recipients)}人` },
                  { key: "sent", header: "送信済み", align: "right", cell: (r) => `${formatNumber(r.sent)}人` },
                  { key: "failed", header: "失敗", align: "right", cell: (r) => `${formatNumber(r.failed)}人` },
                  { key: "seconds", header: "所要時間", align: "right", cell: (r) => (r.seconds === null ? "—" : `${r.seconds.toFixed(1)}秒`) },
                ]}
              />
            </div>
          ) : null}
          {runs.some((r) => r.failed > 0) && staff.can("residents.view-personal") ? (
            <p className="mt-3">
              <LinkButton href={`/staff/broadcasts/failed-recipients?broadcastId=${broadcast.id}`} download>
                届かなかった宛先を CSV で書き出す
              </LinkButton>
            </p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="actions-heading" className="mb-8">
        <h2 id="actions-heading" className="mb-3 text-std-20B-150">
          操作
        </h2>
        <div className="flex flex-wrap items-start gap-4">
          {editable && isAuthor && staff.can("broadcasts.draft") ? (
            <>
              <LinkButton href={`/staff/broadcasts/${broadcast.id}/edit`}>編集する</LinkButton>
              <BroadcastActionButton
                action={submitBroadcastAction}
                broadcastId={broadcast.id}
                label="承認を依頼する"
                confirm={{
                  title: "承認を依頼しますか",
                  message: `配信対象は現在 ${formatNumber(count)}人です。依頼したあとは、差し戻されるまで内容を変更できません。`,
                  confirmLabel: "承認を依頼する",
                }}
              />
            </>
          ) : null}
          {editable && isAuthor && staff.can("broadcasts.send-emergency") && usesEmergencyTemplate(content) ? (
            <BroadcastActionButton
              action={sendEmergencyBroadcastAction}
              broadcastId={broadcast.id}
              label="承認なしで緊急配信する"
              variant="danger"
              confirm={{
                title: "緊急配信を送りますか",
                message: `防災アラートを ${formatNumber(count)}人にすぐ送ります。ほかの職員の承認は受けません（記録に残ります）。`,
                confirmLabel: "緊急配信を送る",
              }}
            />
          ) : null}
          {broadcast.status === "PENDING_APPROVAL" && staff.can("broadcasts.approve") && !isAuthor ? (
            <BroadcastActionButton
              action={approveBroadcastAction}
              broadcastId={broadcast.id}
              label="承認する"
              confirm={{
                title: "この配信を承認しますか",
                message: (
                  <>
                    <span className="block">
                      配信対象：<strong>{formatNumber(count)}人</strong>（{broadcast.targetLabel}）
                    </span>
                    <span className="block">配信日時：{schedule}</span>
                    <span className="block">承認すると、配信日時に自動で送られます。</span>
                  </>
                ),
                confirmLabel: "承認する",
              }}
            />
          ) : null}
          {broadcast.status === "PENDING_APPROVAL" && staff.can("broadcasts.approve") && isAuthor ? <p>自分が起案した配信は承認できません。ほかの承認者に依頼してください。</p> : null}
          {(CANCELABLE_STATUSES as readonly string[]).includes(broadcast.status) && staff.can("broadcasts.cancel") && (isAuthor || staff.can("broadcasts.approve")) ? (
            <BroadcastActionButton
              action={cancelBroadcastAction}
              broadcastId={broadcast.id}
              label={broadcast.status === "SENDING" ? "配信を中止する" : "取り消す"}
              variant="danger"
              confirm={{
                title: broadcast.status === "SENDING" ? "配信を中止しますか" : "この配信を取り消しますか",
                message: broadcast.status === "SENDING" ? "まだ送っていない分を送りません。すでに LINE が受け付けた分は取り消せません。" : "取り消した配信は元に戻せません（複製して作り直せます）。",
                confirmLabel: broadcast.status === "SENDING" ? "中止する" : "取り消す",
              }}
            />
          ) : null}
        </div>
        {broadcast.status === "PENDING_APPROVAL" && staff.can("broadcasts.approve") && !isAuthor ? (
          <div className="mt-6">
            <ReturnForm action={returnBroadcastAction} broadcastId={broadcast.id} />
          </div>
        ) : null}
        {staff.can("broadcasts.draft") && ["DRAFT", "RETURNED", "PENDING_APPROVAL", "APPROVED"].includes(broadcast.status) ? (
          <div className="mt-6">
            <h3 className="mb-2 text-std-17B-170">テスト送信</h3>
            <p className="mb-3 text-std-16N-170 text-solid-gray-600">
              登録されたテスト送信先（{testers}人）の LINE に、この内容を送ります。住民には届きません。<TextLink href="/staff/broadcasts/testers">テスト送信先の登録</TextLink>
            </p>
            <TestSendForm action={testSendBroadcastAction} broadcastId={broadcast.id} languages={languageOptions} />
          </div>
        ) : null}
      </section>

      <section aria-labelledby="preview-heading">
        <h2 id="preview-heading" className="mb-3 text-std-20B-150">
          メッセージのプレビュー
        </h2>
        {previewError ? <Alert tone="error" title="LINE の制限を満たしていないメッセージがあります">{previewError}</Alert> : null}
        <div className="flex flex-wrap gap-6">
          {languages.map((language) => (
            <div key={language}>
              <h3 className="mb-2 text-std-17B-170">{LANGUAGE_LABELS_JA[language]}</h3>
              <LinePreview messages={previews[language] ?? []} title={`${accountName}（${LANGUAGE_LABELS_JA[language]}）`} />
            </div>
          ))}
        </div>
        <p className="mt-3 text-std-16N-170 text-solid-gray-600">上の言語にない言語を登録した住民には、日本語のメッセージを送ります。</p>
      </section>
    </>
  );
}
