// The LIFF pages (/liff/**): what the server's HTML shell shows at once (title, heading, lead) and
// which browser bundle (components/liff/entries/<entry>.tsx) brings the page to life. One list serves
// the route handlers (lib/liff/shell.ts), the bundler (lib/liff/bundle.ts) and `npm run check:liff-size`.
//
// Why not App Router pages: React and Next's client runtime alone are 129 kB gzip, over the 120 kB
// that a LIFF page may load on a slow phone (issue 6). These pages are served by Next (route handlers,
// the same proxy, CSP and sessions) but hydrate a small React bundle of their own (about 80 kB with
// the LIFF SDK). Staff pages stay App Router pages.
export type LiffPage = {
  /** The browser bundle: components/liff/entries/<entry>.tsx. */
  entry: string;
  /** <title>. */
  title: string;
  /** The page's <h1> and lead, shown before LIFF has started (a page may render its own h1 instead). */
  heading?: string;
  lead?: string;
};

export const LIFF_PAGES = {
  home: { entry: "home", title: "LINE サービス", heading: "LINE サービス" },
  register: {
    entry: "register",
    title: "登録内容の確認・変更",
    heading: "登録内容の確認・変更",
    lead: "登録した内容にあわせて、あなたに必要なお知らせをお届けします。",
  },
  garbage: {
    entry: "garbage",
    title: "ごみの分け方・出し方",
    heading: "ごみの分け方・出し方",
    lead: "品目の分け方と、お住まいの地区の収集日を調べられます。",
  },
  nursery: {
    entry: "nursery",
    title: "保育施設をさがす",
    heading: "保育施設をさがす",
    lead: "お子さまの年齢や条件に合う保育施設を、近い順にお知らせします。",
  },
  "nursery-detail": { entry: "nursery-detail", title: "保育施設の詳細" },
  tester: { entry: "tester", title: "テスト送信先の登録（職員用）", heading: "テスト送信先の登録（職員用）" },
} as const satisfies Record<string, LiffPage>;

export type LiffPageName = keyof typeof LIFF_PAGES;

/** The route each page is served at (for the size check's report). */
export const LIFF_PAGE_ROUTES: Record<LiffPageName, string> = {
  home: "/liff",
  register: "/liff/register",
  garbage: "/liff/garbage",
  nursery: "/liff/nursery",
  "nursery-detail": "/liff/nursery/[id]",
  tester: "/liff/tester",
};

/** Where the build puts the bundles (under Next's dist dir) and where the app serves them. */
export const LIFF_ASSETS_DIR = "liff-assets";
export const LIFF_ASSETS_URL = "/liff/assets";
export const LIFF_MANIFEST = "manifest.json";
/** The shell's element ids that the browser bundle uses (components/liff/mount.tsx). */
export const LIFF_ROOT_ID = "liff-root";
export const LIFF_CONFIG_ID = "liff-config";

/** What the build wrote: per page its entry script, the chunks it imports at once, the ones it may import later. */
export type LiffManifest = {
  css: string;
  pages: Record<string, { script: string; preload: string[]; firstLoad: string[]; later: string[] }>;
};

/**
 * Where the bundles are: <dist>/liff-assets for the production build; `npm run dev` writes its own to
 * <dist>/liff-assets-dev, so a development session never replaces a build's files (and next dev, which
 * empties <dist>/dev when it starts, never removes them).
 */
export function liffAssetsDir(distDir: string, dev: boolean): string {
  return `${distDir}/${LIFF_ASSETS_DIR}${dev ? "-dev" : ""}`;
}
