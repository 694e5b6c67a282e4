// /staff/content/garbage/suspensions — no collection in these periods (年末年始 …; 5374 center.csv).
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { param, type SearchParams } from "@/lib/http/search-params";
import { formatJapaneseDate } from "@/lib/garbage/schedule";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { Table } from "@/components/ui/table";
import { GarbageNav } from "@/components/garbage/garbage-nav";
import { ConfirmDelete } from "@/components/garbage/confirm-delete";
import { SuspensionForm } from "@/components/garbage/small-forms";
import { dictionaryFromParams } from "../dictionary";
import { createGarbageSuspensionAction, deleteGarbageSuspensionAction } from "../actions";

export const metadata = { title: "ごみ収集の休止期間" };

export default async function GarbageSuspensionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("content.view");
  const params = await searchParams;
  const { dictionary } = await dictionaryFromParams(params);
  if (!dictionary) {
    return (
      <>
        <PageHeader title="休止期間" />
        <Alert tone="info">辞書がまだありません。ごみ分別の概要から取り込んでください。</Alert>
      </>
    );
  }
  const [suspensions, centers] = await Promise.all([
    db.garbageSuspension.findMany({ where: { dictionaryId: dictionary.id }, orderBy: { startsOn: "desc" }, include: { center: { select: { name: true } } } }),
    db.garbageCenter.findMany({ where: { dictionaryId: dictionary.id }, orderBy: { name: "asc" } }),
  ]);
  const canEdit = staff.can("content.edit");
  return (
    <>
      <PageHeader title={`休止期間（${dictionary.name}）`} description="この期間は収集がありません。住民への「次の収集日」とカレンダーから除かれます。" />
      <GarbageNav current="/staff/content/garbage/suspensions" dictionarySlug={dictionary.active ? undefined : dictionary.slug} />
      {param(params, "deleted") ? (
        <Alert tone="success" live>
          休止期間を削除しました。
        </Alert>
      ) : null}
      <Table
        caption={`休止期間 ${suspensions.length}件`}
        rows={suspensions}
        rowKey={(s) => String(s.id)}
        empty="休止期間はありません。"
        columns={[
          { key: "period", header: "期間", rowHeader: true, cell: (s) => `${formatJapaneseDate(s.startsOn, { year: true })} 〜 ${formatJapaneseDate(s.endsOn, { year: true })}` },
          { key: "target", header: "対象", cell: (s) => s.center?.name ?? "すべての地区" },
          { key: "note", header: "メモ", cell: (s) => s.note || "—" },
          ...(canEdit
            ? [{ key: "delete", header: "操作", cell: (s: (typeof suspensions)[number]) => <ConfirmDelete formId={`delete-suspension-${s.id}`} fields={{ dictionaryId: dictionary.id, id: s.id }} name={`${formatJapaneseDate(s.startsOn)}〜${formatJapaneseDate(s.endsOn)}`} what="休止期間" action={deleteGarbageSuspensionAction} /> }]
            : []),
        ]}
      />
      {canEdit ? (
        <section aria-labelledby="new-suspension" className="mt-10">
          <h2 id="new-suspension" className="mb-4 text-std-20B-150">
            休止期間を追加する
          </h2>
          <SuspensionForm dictionaryId={dictionary.id} centers={centers.map((c) => ({ value: String(c.id), label: c.name }))} action={createGarbageSuspensionAction} />
        </section>
      ) : null}
    </>
  );
}
