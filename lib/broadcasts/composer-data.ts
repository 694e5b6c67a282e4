// What the composer page needs from the server: saved segments (with their conditions in words),
// recent images, and the broadcast's values when editing.
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { describeFilter } from "@/lib/segments/describe";
import { segmentFilterSchema } from "@/lib/segments/filter";
import { findSegments } from "@/lib/segments/manage-segments";
import { recentImages } from "@/lib/broadcasts/images";
import { readContent } from "@/lib/broadcasts/content";
import { recurrenceSchema } from "@/lib/broadcasts/schedule";
import { formatQuietHours, parseQuietHours } from "@/lib/broadcasts/schedule";
import { toJapanDateTimeInput } from "@/lib/broadcasts/manage-broadcasts";
import type { Broadcast } from "@/generated/prisma/client";

export async function composerOptions(db: Db) {
  const [segments, images, districts, municipality] = await Promise.all([
    findSegments(db),
    recentImages(db),
    db.district.findMany({ select: { id: true, name: true } }),
    db.municipality.findUnique({ where: { id: 1 }, select: { name: true } }),
  ]);
  const names = new Map(districts.map((d) => [d.id, d.name]));
  const e = env();
  return {
    segments: segments.map((s) => {
      const filter = segmentFilterSchema.safeParse(s.filter);
      return { id: s.id, name: s.name, description: filter.success ? describeFilter(filter.data, (id) => names.get(id) ?? `地区${id}`) : "" };
    }),
    images: images.map((i) => ({ id: i.id, fileName: i.fileName })),
    appUrl: e.APP_URL,
    liffId: e.LIFF_ID ?? "",
    quietHours: formatQuietHours(parseQuietHours(e.BROADCAST_QUIET_HOURS)),
    accountName: municipality?.name ?? "LINE 公式アカウント",
  };
}

export function composerValueOf(broadcast: Broadcast) {
  const recurrence = recurrenceSchema.safeParse(broadcast.recurrence);
  return {
    title: broadcast.title,
    segmentId: broadcast.segmentId,
    variants: readContent(broadcast.content).variants,
    schedule:
      broadcast.scheduleKind === "AT" && broadcast.scheduledAt
        ? ({ kind: "AT", at: toJapanDateTimeInput(broadcast.scheduledAt) } as const)
        : broadcast.scheduleKind === "RECURRING" && recurrence.success
          ? ({ kind: "RECURRING", recurrence: recurrence.data } as const)
          : ({ kind: "NOW" } as const),
    notificationDisabled: broadcast.notificationDisabled,
    sendDuringQuietHours: broadcast.sendDuringQuietHours,
  };
}
