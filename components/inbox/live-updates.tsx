"use client";
// Polls /staff/inbox/updates and refreshes the page (server components) when the inbox changed, so
// new messages appear without a reload. Polling rather than a held connection: it works through
// every proxy and needs nothing kept in any one app instance. Announces new messages politely.
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";

const INTERVAL_MS = 3000;

export function InboxLiveUpdates({ version, unread }: { version: string; unread: number }) {
  const router = useRouter();
  const current = useRef({ version, unread });
  const [announcement, setAnnouncement] = useState("");
  current.current = { version, unread };

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const response = await fetch("/staff/inbox/updates", { cache: "no-store", headers: { accept: "application/json" } });
        if (response.ok) {
          const data = (await response.json()) as { version: string; unread: number };
          if (data.version !== current.current.version) {
            if (data.unread > current.current.unread) setAnnouncement(`新しいメッセージが届きました（未読 ${data.unread}件）。`);
            current.current = data;
            router.refresh();
          }
        }
      } catch {
        // offline for a moment: try again at the next tick
      }
      if (!stopped) timer = setTimeout(poll, document.hidden ? INTERVAL_MS * 5 : INTERVAL_MS);
    };
    timer = setTimeout(poll, INTERVAL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [router]);

  return (
    <p role="status" aria-live="polite" className="sr-only">
      {announcement}
    </p>
  );
}
