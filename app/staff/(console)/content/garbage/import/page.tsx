// /staff/content/garbage/import — import a city's 5374 files (content.edit).
import { requireStaff } from "@/lib/auth/staff-access";
import type { SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { TextLink } from "@/components/ui/text-link";
import { ImportForm } from "@/components/garbage/import-form";
import { dictionaryFromParams } from "../dictionary";
import { importGarbageAction } from "../actions";

export const metadata = { title: "ごみ分別辞書の取り込み" };

export default async function GarbageImportPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("content.edit");
  const { dictionary } = await dictionaryFromParams(await searchParams);
  return (
    <>
      <PageHeader
        title="5374 形式で取り込む"
        description={
          <>
            Code for Japan の 5374（ゴミナシ）形式の CSV から、品目・分別区分・地区と収集日・休止期間を取り込みます。<TextLink href="/staff/content/garbage">ごみ分別に戻る</TextLink>
          </>
        }
      />
      <ImportForm action={importGarbageAction} defaults={{ slug: dictionary?.slug ?? "city", name: dictionary?.name ?? "" }} />
    </>
  );
}
