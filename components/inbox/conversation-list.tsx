// The conversations of one filter: name, last message, time, unread count and assignee.
import Link from "next/link";
import { cx } from "@/components/ui/cx";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime } from "@/lib/format";

export type ConversationRow = {
  id: string;
  status: "OPEN" | "RESOLVED";
  unreadCount: number;
  lastMessageAt: Date;
  preview: string | null;
  assignedToName: string | null;
  resident: { displayName: string | null; followStatus: "FOLLOWING" | "BLOCKED" };
};

export function ConversationList({ rows, selectedId, hrefFor, emptyText }: { rows: ConversationRow[]; selectedId?: string; hrefFor: (id: string) => string; emptyText: string }) {
  if (rows.length === 0) return <p className="rounded-8 border border-solid-gray-420 p-4 text-solid-gray-600">{emptyText}</p>;
  return (
    <ul className="divide-y divide-solid-gray-200 rounded-8 border border-solid-gray-420">
      {rows.map((row) => {
        const name = row.resident.displayName ?? "（名前未取得）";
        const selected = row.id === selectedId;
        return (
          <li key={row.id}>
            <Link
              href={hrefFor(row.id)}
              aria-current={selected ? "true" : undefined}
              className={cx("block px-4 py-3 no-underline hover:bg-blue-50", selected ? "bg-blue-50 outline-2 -outline-offset-2 outline-blue-900" : "")}
            >
              <span className="flex items-center justify-between gap-2">
                <span className="truncate font-bold text-solid-gray-900">{name}</span>
                {row.unreadCount > 0 ? (
                  <StatusBadge tone="error">
                    <span className="sr-only">未読 </span>
                    {row.unreadCount}
                    <span aria-hidden="true">件未読</span>
                  </StatusBadge>
                ) : null}
              </span>
              <span className="mt-1 block truncate text-dns-16N-130 text-solid-gray-700">{row.preview || "（本文なし）"}</span>
              <span className="mt-1 flex flex-wrap gap-x-3 text-dns-14N-130 text-solid-gray-600">
                <span>{formatDateTime(row.lastMessageAt)}</span>
                <span>担当：{row.assignedToName ?? "未割り当て"}</span>
                {row.resident.followStatus === "BLOCKED" ? <span>ブロック中</span> : null}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
