// What a preview says to a screen reader: each message as a sentence, with every piece of text a
// resident would read and every button they could tap. The visual preview is hidden from assistive
// technology (it is a picture of a phone, not controls), so this must carry the same information.
import type { LineMessage } from "@/lib/line/messages";

type Node = Record<string, unknown>;

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function list(value: unknown): Node[] {
  return Array.isArray(value) ? value.filter((v): v is Node => typeof v === "object" && v !== null) : [];
}

/** The label a resident sees on an action (button, quick reply, rich menu area). */
export function actionLabel(action: unknown): string {
  if (typeof action !== "object" || action === null) return "";
  const a = action as Node;
  return str(a.label) ?? str(a.displayText) ?? str(a.text) ?? str(a.uri) ?? str(a.data) ?? String(a.type ?? "");
}

/** What tapping an action does, in Japanese. */
export function actionEffect(action: unknown): string {
  if (typeof action !== "object" || action === null) return "";
  const a = action as Node;
  switch (a.type) {
    case "uri":
      return /^https:\/\/liff\.line\.me\//.test(String(a.uri)) ? "LIFF 画面を開く" : `リンク ${String(a.uri ?? "")} を開く`;
    case "message":
      return `「${String(a.text ?? "")}」と送信`;
    case "postback":
      return a.displayText ? `「${String(a.displayText)}」と表示して操作を送信` : "操作を送信";
    case "datetimepicker":
      return "日時を選ぶ";
    case "camera":
      return "カメラを開く";
    case "cameraRoll":
      return "写真を選ぶ";
    case "location":
      return "位置情報を送る";
    case "richmenuswitch":
      return "メニューを切り替える";
    case "clipboard":
      return "文字をコピー";
    default:
      return "";
  }
}

function describeAction(action: unknown): string {
  const effect = actionEffect(action);
  return `ボタン「${actionLabel(action)}」${effect ? `（${effect}）` : ""}`;
}

/** Text and buttons of a Flex component tree, in reading order. */
export function flexTexts(node: unknown, out: string[] = []): string[] {
  if (typeof node !== "object" || node === null) return out;
  const n = node as Node;
  switch (n.type) {
    case "bubble":
      for (const block of ["header", "hero", "body", "footer"]) flexTexts(n[block], out);
      break;
    case "carousel":
      list(n.contents).forEach((bubble, i) => {
        out.push(`${i + 1}枚目：`);
        flexTexts(bubble, out);
      });
      break;
    case "box":
      for (const child of list(n.contents)) flexTexts(child, out);
      if (n.action) out.push(describeAction(n.action));
      break;
    case "text": {
      const spans = list(n.contents).map((s) => String(s.text ?? "")).join("");
      const text = spans || str(n.text);
      if (text) out.push(text);
      break;
    }
    case "button":
      out.push(describeAction(n.action));
      break;
    case "image":
      out.push(n.action ? `画像（${describeAction(n.action)}）` : "画像");
      break;
    case "video":
      out.push("動画");
      break;
    default:
      break;
  }
  return out;
}

/** One message as a sentence for screen readers. */
export function describeMessage(message: LineMessage | Node): string {
  const m = message as Node;
  switch (m.type) {
    case "text": {
      const emojis = list(m.emojis).length;
      return `テキスト：${String(m.text ?? "")}${emojis ? `（LINE絵文字 ${emojis}個を含む）` : ""}`;
    }
    case "textV2":
      return `テキスト：${String(m.text ?? "").replace(/\{[^{}]*\}/g, "〔絵文字またはメンション〕")}`;
    case "image":
      return "画像";
    case "video":
      return "動画";
    case "audio":
      return `音声（${Math.round(Number(m.duration ?? 0) / 1000)}秒）`;
    case "sticker":
      return `スタンプ（パッケージ ${String(m.packageId ?? "")}、スタンプ ${String(m.stickerId ?? "")}）`;
    case "location":
      return `位置情報：${String(m.title ?? "")} ${String(m.address ?? "")}`.trim();
    case "imagemap":
      return `イメージマップ「${String(m.altText ?? "")}」${list(m.actions).length ? `、タップできる範囲 ${list(m.actions).length}か所` : ""}`;
    case "template": {
      const t = (m.template ?? {}) as Node;
      const parts: string[] = [];
      if (t.type === "carousel" || t.type === "image_carousel") {
        list(t.columns).forEach((c, i) => {
          parts.push(`${i + 1}枚目：${[str(c.title), str(c.text)].filter(Boolean).join(" ")}`.trim());
          if (c.action) parts.push(describeAction(c.action));
          for (const a of list(c.actions)) parts.push(describeAction(a));
        });
      } else {
        for (const text of [str(t.title), str(t.text)]) if (text) parts.push(text);
        for (const a of list(t.actions)) parts.push(describeAction(a));
      }
      return `テンプレートメッセージ「${String(m.altText ?? "")}」：${parts.join("、")}`;
    }
    case "flex":
      return `Flex メッセージ「${String(m.altText ?? "")}」：${flexTexts(m.contents).join("、")}`;
    default:
      return `${String(m.type ?? "不明な種類")} のメッセージ（プレビュー非対応）`;
  }
}

/** Quick reply buttons of the last message (LINE shows only those). */
export function quickReplyItems(messages: (LineMessage | Node)[]): Node[] {
  const last = messages[messages.length - 1] as Node | undefined;
  const quick = last?.quickReply as Node | undefined;
  return list(quick?.items).map((item) => (item.action ?? {}) as Node);
}

export function describeMessages(messages: (LineMessage | Node)[]): string[] {
  const lines = messages.map((m, i) => `${messages.length > 1 ? `${i + 1}通目 ` : ""}${describeMessage(m)}`);
  const quick = quickReplyItems(messages);
  if (quick.length) lines.push(`クイックリプライ：${quick.map(describeAction).join("、")}`);
  return lines;
}
