// /liff/nursery — 保育施設をさがす (LIFF): near the current location, a district or a point on the map,
// for the child's age at the start month, with filters; nearest first, as a list and on a map.
import { LiffNursery } from "@/components/nursery/liff-nursery";

export const metadata = { title: "保育施設をさがす" };

export default function LiffNurseryPage() {
  return (
    <>
      <h1 className="mb-2 text-std-24B-150">保育施設をさがす</h1>
      <p className="mb-6 text-std-16N-170 text-solid-gray-600">お子さまの年齢や条件に合う保育施設を、近い順にお知らせします。</p>
      <LiffNursery />
    </>
  );
}
