// A conversation, oldest first: the resident's messages on the left, staff replies on the right
// with their delivery state, internal notes set apart. Server-rendered.
import type { TimelineItem } from "@/lib/inbox/conversations";
import { formatDateTime } from "@/lib/format";
import { cx } from "@/components/ui/cx";

const KIND_LABEL: Record<string, string> = { IMAGE: "画像", VIDEO: "動画", AUDIO: "音声", FILE: "ファイル", STICKER: "スタンプ", LOCATION: "位置情報" };

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(bytes / 1024))}KB`;
}

function Attachment({ item }: { item: Extract<TimelineItem, { kind: "message" }> }) {
  const a = item.attachment;
  if (!a) return null;
  if (!a.available) return <p className="text-dns-14N-130 text-solid-gray-600">{a.unavailableReason ?? "内容を保存していません。"}</p>;
  const href = `/staff/inbox/attachments?id=${a.id}`;
  if (item.messageKind === "IMAGE" && a.contentType.startsWith("image/")) {
    return (
      <a href={href} target="_blank" rel="noopener" className="block">
        {/* eslint-disable-next-line @next/next/no-img-element -- served by an authenticated route */}
        <img src={href} alt="住民が送った画像（新しいタブで開きます）" className="max-h-64 max-w-full rounded-8 border border-solid-gray-420" />
      </a>
    );
  }
  return (
    <a href={href} download>
      {a.fileName ?? `${KIND_LABEL[item.messageKind] ?? "ファイル"}`}（{formatSize(a.size)}）をダウンロード
    </a>
  );
}

function deliveryLabel(delivery: NonNullable<Extract<TimelineItem, { kind: "message" }>["delivery"]>): { text: string; tone: string } {
  if (delivery.status === "SENT") return { text: "送信済み", tone: "text-solid-gray-600" };
  if (delivery.status === "PENDING") return { text: "送信中（自動で再送します）", tone: "text-yellow-1200" };
  return { text: `送信できませんでした${delivery.error ? `（${delivery.error}）` : ""}`, tone: "text-error-1 font-bold" };
}

export function Timeline({ items, residentName, olderMessages }: { items: TimelineItem[]; residentName: string; olderMessages: number }) {
  return (
    <div>
      {olderMessages > 0 ? <p className="mb-3 text-dns-14N-130 text-solid-gray-600">これより前のメッセージが {olderMessages} 件あります（最新の200件を表示しています）。</p> : null}
      <ol className="flex flex-col gap-4" aria-label="やり取り">
        {items.map((item) => {
          if (item.kind === "note") {
            return (
              <li key={item.id} className="rounded-8 border-2 border-dashed border-warning-yellow-2 bg-yellow-50 p-3">
                <p className="text-dns-14B-120 text-yellow-1200">内部メモ（住民には送られません）・{item.authorName}・{formatDateTime(item.at)}</p>
                <p className="mt-1 whitespace-pre-wrap">{item.body}</p>
              </li>
            );
          }
          const inbound = item.direction === "INBOUND";
          const who = inbound ? residentName : item.automatic ? "自動応答" : (item.senderName ?? "職員");
          const delivery = item.delivery ? deliveryLabel(item.delivery) : null;
          return (
            <li key={item.id} className={cx("flex", inbound ? "justify-start" : "justify-end")}>
              <div className={cx("max-w-[36rem] rounded-12 p-3", inbound ? "bg-solid-gray-50 border border-solid-gray-420" : "bg-blue-50 border border-blue-200")}>
                <p className="mb-1 text-dns-14N-130 text-solid-gray-600">
                  <span className="font-bold text-solid-gray-800">{who}</span>
                  {inbound ? "から" : "が送信"}・<time dateTime={item.at.toISOString()}>{formatDateTime(item.at)}</time>
                  {item.messageKind !== "TEXT" ? `・${KIND_LABEL[item.messageKind] ?? item.messageKind}` : ""}
                </p>
                {item.unsent ? (
                  <p className="italic text-solid-gray-600">（住民が送信を取り消しました。内容は削除しています。）</p>
                ) : (
                  <>
                    {item.text ? <p className="whitespace-pre-wrap break-words">{item.text}</p> : null}
                    <Attachment item={item} />
                  </>
                )}
                {delivery ? <p className={cx("mt-1 text-dns-14N-130", delivery.tone)}>{delivery.text}</p> : null}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
