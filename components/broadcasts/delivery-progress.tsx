"use client";
// Live progress of a broadcast being sent: sent / failed / remaining, the rate and the estimated end,
// polled every second from /staff/broadcasts/progress; when the send ends the page refreshes itself.
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import type { RunProgress } from "@/lib/delivery/progress";

const NUMBER = new Intl.NumberFormat("ja-JP");
const TIME = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });

export function DeliveryProgress({ broadcastId, initial, status }: { broadcastId: string; initial: RunProgress | null; status: string }) {
  const router = useRouter();
  const [run, setRun] = useState(initial);
  const [live, setLive] = useState(status === "SENDING");
  useEffect(() => {
    if (!live) return;
    let stopped = false;
    const tick = async () => {
      try {
        const response = await fetch(`/staff/broadcasts/progress?ids=${broadcastId}`, { cache: "no-store" });
        const body = (await response.json()) as { broadcasts: { status: string; run: RunProgress | null }[] };
        const entry = body.broadcasts[0];
        if (!entry || stopped) return;
        setRun(entry.run);
        if (entry.status !== "SENDING") {
          setLive(false);
          router.refresh();
        }
      } catch {
        // Try again at the next tick.
      }
    };
    const timer = setInterval(tick, 1000);
    void tick();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [broadcastId, live, router]);

  if (!run) return null;
  const done = run.sent + run.failed + run.canceled;
  const percent = run.recipients > 0 ? Math.round((done / run.recipients) * 100) : 100;
  return (
    <div className="rounded-12 border border-solid-gray-420 p-5" aria-live="polite">
      <p className="mb-2 text-std-17B-170">
        {run.seq}回目の配信 {live ? "（配信中）" : ""}
      </p>
      <div role="progressbar" aria-label="配信の進み具合" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="mb-3 h-3 w-full overflow-hidden rounded-full bg-solid-gray-100">
        <div className="h-full bg-blue-900" style={{ width: `${percent}%` }} />
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 sm:grid-cols-4">
        <div>
          <dt className="text-dns-14N-130 text-solid-gray-600">送信済み</dt>
          <dd className="text-std-20B-150 tabular-nums" data-testid="progress-sent">
            {NUMBER.format(run.sent)}人
          </dd>
        </div>
        <div>
          <dt className="text-dns-14N-130 text-solid-gray-600">失敗</dt>
          <dd className="text-std-20B-150 tabular-nums">{NUMBER.format(run.failed)}人</dd>
        </div>
        <div>
          <dt className="text-dns-14N-130 text-solid-gray-600">残り</dt>
          <dd className="text-std-20B-150 tabular-nums">{NUMBER.format(run.remaining)}人</dd>
        </div>
        <div>
          <dt className="text-dns-14N-130 text-solid-gray-600">{live ? "速度" : "平均の速度"}</dt>
          <dd className="text-std-20B-150 tabular-nums">{NUMBER.format(run.ratePerSecond)}人/秒</dd>
        </div>
      </dl>
      <p className="mt-2 text-std-16N-170 text-solid-gray-600">
        対象 {NUMBER.format(run.recipients)}人（{NUMBER.format(run.batches)}回の送信に分割）
        {run.canceled > 0 ? `・取り消し ${NUMBER.format(run.canceled)}人` : ""}
        {live && run.estimatedEndAt ? `・終了予定 ${TIME.format(new Date(run.estimatedEndAt))}` : ""}
        {!live && run.seconds !== null ? `・開始から最後の受付まで ${run.seconds.toFixed(1)}秒` : ""}
      </p>
    </div>
  );
}
