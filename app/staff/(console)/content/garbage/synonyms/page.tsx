// /staff/content/garbage/synonyms — residents' words → the dictionary's (スマホ → 携帯電話).
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { param, type SearchParams } from "@/lib/http/search-params";
import { formatDate } from "@/lib/format";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { Table } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { GarbageNav } from "@/components/garbage/garbage-nav";
import { ConfirmDelete } from "@/components/garbage/confirm-delete";
import { SynonymForm } from "@/components/garbage/small-forms";
import { dictionaryFromParams } from "../dictionary";
import { createGarbageSynonymAction, deleteGarbageSynonymAction } from "../actions";

export const metadata = { title: "ごみ分別の言い換え" };

export default async function GarbageSynonymsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("content.view");
  const params = await searchParams;
  const { dictionary } = await dictionaryFromParams(params);
  if (!dictionary) {
    return (
      <>
        <PageHeader title="言い換え" />
        <Alert tone="info">辞書がまだありません。ごみ分別の概要から取り込んでください。</Alert>
      </>
    );
  }
  const synonyms = await db.garbageSynonym.findMany({ where: { dictionaryId: dictionary.id }, orderBy: { term: "asc" } });
  const canEdit = staff.can("content.edit");
  return (
    <>
      <PageHeader
        title={`言い換え（${dictionary.name}）`}
        description={
          <>
            住民の言い方を辞書の言い方に置き換えて探します（例：スマホ → 携帯電話）。答えられなかった質問からも追加できます（<TextLink href="/staff/content/garbage/unanswered">答えられなかった質問</TextLink>）。
          </>
        }
      />
      <GarbageNav current="/staff/content/garbage/synonyms" dictionarySlug={dictionary.active ? undefined : dictionary.slug} />
      {param(params, "deleted") ? (
        <Alert tone="success" live>
          言い換えを削除しました。
        </Alert>
      ) : null}
      {canEdit ? (
        <section aria-labelledby="new-synonym" className="mb-8">
          <h2 id="new-synonym" className="mb-4 text-std-20B-150">
            言い換えを追加する
          </h2>
          <SynonymForm dictionaryId={dictionary.id} action={createGarbageSynonymAction} />
        </section>
      ) : null}
      <Table
        caption={`言い換え ${synonyms.length}件`}
        rows={synonyms}
        rowKey={(s) => String(s.id)}
        empty="言い換えはありません。"
        columns={[
          { key: "term", header: "住民の言い方", rowHeader: true, cell: (s) => s.term },
          { key: "target", header: "辞書の言い方", cell: (s) => s.target },
          { key: "created", header: "追加日", cell: (s) => formatDate(s.createdAt) },
          ...(canEdit
            ? [{ key: "delete", header: "操作", cell: (s: (typeof synonyms)[number]) => <ConfirmDelete formId={`delete-synonym-${s.id}`} fields={{ dictionaryId: dictionary.id, id: s.id }} name={`${s.term} → ${s.target}`} what="言い換え" action={deleteGarbageSynonymAction} /> }]
            : []),
        ]}
      />
    </>
  );
}
