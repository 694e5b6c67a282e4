import Link from "next/link";

const NUMBER = new Intl.NumberFormat("ja-JP");

export function StatCard({ label, value, unit, href, note }: { label: string; value: number; unit: string; href?: string; note?: string }) {
  const body = (
    <>
      <dt className="text-dns-16B-130 text-solid-gray-700">{label}</dt>
      <dd className="mt-2 text-std-32B-150 text-solid-gray-900 tabular-nums">
        {NUMBER.format(value)}
        <span className="ml-1 text-dns-16N-130 text-solid-gray-600">{unit}</span>
      </dd>
      {note ? <dd className="mt-1 text-dns-14N-130 text-solid-gray-600">{note}</dd> : null}
    </>
  );
  return (
    <div className="rounded-12 border border-solid-gray-420 bg-white p-5">
      {href ? (
        <Link href={href} className="block text-inherit no-underline hover:text-inherit">
          <dl>{body}</dl>
          <span className="mt-2 block text-dns-14N-130 text-blue-1000 underline">一覧を見る</span>
        </Link>
      ) : (
        <dl>{body}</dl>
      )}
    </div>
  );
}
