// /liff — the LIFF app's endpoint URL (APP_URL/liff): the services residents can open.
import Link from "next/link";

export const metadata = { title: "LINE サービス" };

export default function LiffHome() {
  return (
    <>
      <h1 className="mb-4 text-std-24B-150">LINE サービス</h1>
      <ul className="space-y-3">
        <li>
          <Link href="/liff/register" className="block rounded-12 border border-solid-gray-420 p-4 text-std-17B-170 no-underline">
            登録内容の確認・変更
            <span className="block text-std-16N-170 text-solid-gray-600">お住まいの地区や、受け取りたいお知らせを登録します。</span>
          </Link>
        </li>
      </ul>
    </>
  );
}
