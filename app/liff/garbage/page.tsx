// /liff/garbage — ごみの出し方を調べる (LIFF): search as you type, the area's collection calendar and
// evening reminders. ?q= starts a search (links from the chat); ?tab=calendar|reminders scrolls there.
import { param, type SearchParams } from "@/lib/http/search-params";
import { LiffGarbage } from "@/components/garbage/liff-garbage";

export const metadata = { title: "ごみの分け方・出し方" };

export default async function LiffGarbagePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  return (
    <>
      <h1 className="mb-2 text-std-24B-150">ごみの分け方・出し方</h1>
      <p className="mb-6 text-std-16N-170 text-solid-gray-600">品目の分け方と、お住まいの地区の収集日を調べられます。</p>
      <LiffGarbage initialQuery={param(params, "q") ?? ""} initialTab={param(params, "tab") ?? ""} />
    </>
  );
}
