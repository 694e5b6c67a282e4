// /liff — the LIFF app's endpoint URL (APP_URL/liff): the services residents can open. LIFF starts here
// too, because LINE opens https://liff.line.me/<id>/<path> through this page (liff.init() redirects).
import { mountLiffPage } from "@/components/liff/mount";

const SERVICES = [
  { href: "/liff/register", title: "登録内容の確認・変更", text: "お住まいの地区や、受け取りたいお知らせを登録します。" },
  { href: "/liff/garbage", title: "ごみの分け方・出し方", text: "品目の分け方と、地区の収集日を調べられます。" },
  { href: "/liff/nursery", title: "保育施設をさがす", text: "お子さまの年齢や条件に合う保育施設を、近い順に探せます。" },
];

mountLiffPage(
  <ul className="space-y-3">
    {SERVICES.map((s) => (
      <li key={s.href}>
        <a href={s.href} className="block rounded-12 border border-solid-gray-420 p-4 text-std-17B-170 no-underline">
          {s.title}
          <span className="block text-std-16N-170 text-solid-gray-600">{s.text}</span>
        </a>
      </li>
    ))}
  </ul>,
);
