// What Kairan itself says in the chat (Japanese, polite, telling the resident what to do next).
import { flexBox, flexBubble, flexButton, flexMessage, flexText, liffUrl, textMessage, uriAction, type LineMessage } from "@/lib/line/messages";

/** Never ask for personal data in chat (2021 government guidance on LINE use; ARCHITECTURE.md). */
export const NO_PERSONAL_DATA_NOTE = "※トークには、住所・電話番号・マイナンバーなどの個人情報を送らないでください。";

/** The registration LIFF page (app/liff/register). */
export const REGISTRATION_LIFF_PATH = "/register";

export function greetingMessages(options: { municipality: string; returning: boolean }): LineMessage[] {
  const hello = options.returning
    ? `${options.municipality}の LINE 公式アカウントに、ふたたび友だち追加いただきありがとうございます。`
    : `${options.municipality}の LINE 公式アカウントを友だち追加いただき、ありがとうございます。`;
  const card = flexBubble({
    body: flexBox(
      "vertical",
      [
        flexText("住民登録のお願い", { weight: "bold", size: "lg", wrap: true }),
        flexText("お住まいの地区や年代を登録すると、あなたに合ったお知らせ（ごみの日、子育て、防災など）が届くようになります。登録は1分ほどで終わります。", { size: "sm", wrap: true, color: "#333333", margin: "md" }),
        flexText(NO_PERSONAL_DATA_NOTE, { size: "xs", wrap: true, color: "#666666", margin: "md" }),
      ],
      { spacing: "sm" },
    ),
    footer: flexBox("vertical", [flexButton(uriAction("住民登録をする", liffUrl(REGISTRATION_LIFF_PATH)), { style: "primary", color: "#0031d8" })]),
  });
  return [
    textMessage(`${hello}\nごみの収集日、子育てや防災の情報などをお届けします。下のメニューからもご利用いただけます。\nご質問やご相談は、このトークにメッセージを送ってください。担当者がお返事します。`),
    flexMessage("住民登録のお願い：登録すると、あなたに合ったお知らせが届きます。", card),
  ];
}

export function acknowledgementMessage(options: { inOfficeHours: boolean; hours: string }): LineMessage {
  const body = options.inOfficeHours
    ? `お問い合わせありがとうございます。担当者が内容を確認し、このトークでお返事します。お返事までお時間をいただく場合があります。（受付時間：${options.hours}）`
    : `お問い合わせありがとうございます。ただいま受付時間外です。受付時間（${options.hours}）に担当者が確認し、このトークでお返事します。`;
  return textMessage(`${body}\n${NO_PERSONAL_DATA_NOTE}\n急病・火災・事件など緊急の場合は、119番・110番に電話してください。`);
}

export function contactInstructionsMessage(hours: string): LineMessage {
  return textMessage(`ご相談・お問い合わせの内容を、このトークに入力して送信してください。担当者が確認してお返事します（受付時間：${hours}）。\n${NO_PERSONAL_DATA_NOTE}`);
}
