// The terms of use and privacy policy residents consent to when they register. Versioned: when
// TERMS_VERSION changes, every registered resident is asked to consent again before the form saves
// anything (lib/registration/registration.ts). (No imports: the LIFF page shows this text.)

/** Bump when the text below changes in substance; residents then re-consent. */
export const TERMS_VERSION = "2026-11-01";

export type TermsSection = { heading: string; body: string[] };

export const TERMS_TITLE = "みどり市 LINE 公式アカウント 利用規約・個人情報の取り扱い";

export const TERMS_SECTIONS: TermsSection[] = [
  {
    heading: "1. 登録していただく情報と目的",
    body: [
      "お住まいの地区、生年月（任意）、性別（任意）、使用する言語、関心のある分野、防災情報の受け取り設定、お子さまの生年月・出産予定月（任意）を登録していただきます。",
      "これらの情報は、あなたに必要なお知らせ（地区の避難情報、子育て情報など）を選んでお届けするためだけに使います。",
    ],
  },
  {
    heading: "2. 保存と管理",
    body: [
      "登録情報は市が管理するデータベースにのみ保存し、LINE ヤフー株式会社を含む第三者には提供しません（法令に基づく場合を除きます）。",
      "市の職員が登録情報を閲覧した記録はすべて残ります。",
    ],
  },
  {
    heading: "3. 変更・同意の取り消し・削除",
    body: [
      "登録内容はいつでもこの画面から変更できます。",
      "「登録を削除する」を選ぶと、同意を取り消し、登録情報を削除します。削除したあとは、すべての友だちに向けたお知らせだけが届きます。",
    ],
  },
  {
    heading: "4. 改定",
    body: ["この規約を改定したときは、次に登録内容を確認・変更するときに、あらためて同意をお願いします。"],
  },
];
