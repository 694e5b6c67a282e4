// Demo broadcasts for みどり市: saved segments, and real content (Japanese, some English) for the demo
// broadcasts the city seed creates, plus a 防災アラート draft of 防災担当 — so the composer, the approval
// screen and the preview all have something to show. Runs inside seedDemoCity (once).
import type { Db } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { DEMO_STAFF } from "@/lib/demo/demo-city";
import type { BroadcastContent } from "@/lib/broadcasts/content";
import type { SegmentFilter } from "@/lib/segments/filter";

export async function seedDemoBroadcasts(db: Db): Promise<void> {
  const staff = new Map((await db.staff.findMany({ select: { id: true, email: true } })).map((s) => [s.email, s.id]));
  const editor = staff.get(DEMO_STAFF.find((s) => s.roles.includes("EDITOR"))!.email)!;
  const bousai = staff.get(DEMO_STAFF.find((s) => s.roles.includes("DISASTER"))!.email)!;
  const districts = await db.district.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, name: true } });
  const byName = (prefix: string) => districts.filter((d) => d.name.startsWith(prefix)).map((d) => d.id);

  const segments: { name: string; description: string; filter: SegmentFilter }[] = [
    {
      name: "子育て世帯（未就学児）",
      description: "0〜6歳の子どもがいる世帯と、出産予定のある世帯",
      filter: { combine: "or", groups: [{ combine: "or", conditions: [{ kind: "childAge", minMonths: 0, maxMonths: 83 }, { kind: "expecting" }] }] },
    },
    {
      name: "緑ヶ丘地区の防災情報",
      description: "緑ヶ丘の避難情報を受け取る人",
      filter: { combine: "and", groups: [{ combine: "and", conditions: [{ kind: "disaster", categories: ["hinan"], districtIds: byName("緑ヶ丘") }] }] },
    },
    {
      name: "65歳以上",
      description: "配信日時点で65歳以上の登録者",
      filter: { combine: "and", groups: [{ combine: "and", conditions: [{ kind: "age", min: 65, max: null }] }] },
    },
  ];
  const created = new Map<string, string>();
  for (const segment of segments) {
    const row = await db.segment.create({ data: { ...segment, filter: segment.filter as Prisma.InputJsonValue, createdById: editor, updatedById: editor } });
    created.set(segment.name, row.id);
  }

  const contents: Record<string, { content: BroadcastContent; segment?: string }> = {
    "年末年始のごみ収集日程のお知らせ": {
      content: {
        variants: {
          ja: [
            { type: "flex", template: "notice", title: "年末年始のごみ収集日程", body: "12月30日（火）から1月3日（土）まで、ごみの収集はお休みです。1月5日（月）から通常どおり収集します。", imageId: null, button: { kind: "liff", label: "収集日を確認する", page: "garbage" } },
          ],
          en: [
            { type: "flex", template: "notice", title: "Garbage collection over the New Year", body: "There is no garbage collection from 30 December to 3 January. Collection resumes on 5 January.", imageId: null, button: { kind: "liff", label: "Check the schedule", page: "garbage" } },
          ],
        },
      },
    },
    "インフルエンザ予防接種の助成について": {
      segment: "65歳以上",
      content: { variants: { ja: [{ type: "text", text: "【みどり市】65歳以上の方のインフルエンザ予防接種を助成しています。接種費用のうち1,500円で受けられます（1月31日まで）。詳しくは市のホームページをご覧ください。💉" }] } },
    },
    "みどり市民まつり開催のご案内": {
      content: {
        variants: {
          ja: [{ type: "flex", template: "event", title: "みどり市民まつり", date: "10月12日（日）10:00〜16:00", place: "みどり中央公園", body: "ステージ発表や地元のお店の出店があります。どなたでもご参加ください。", imageId: null, button: { kind: "none" } }],
        },
      },
    },
    "図書館の臨時休館について（下書き）": {
      content: { variants: { ja: [{ type: "text", text: "市立図書館は、設備点検のため○月○日（○）に臨時休館します。" }] } },
    },
  };
  for (const [title, { content, segment }] of Object.entries(contents)) {
    const segmentId = segment ? (created.get(segment) ?? null) : null;
    const broadcast = await db.broadcast.findFirst({ where: { title } });
    if (!broadcast) continue;
    await db.broadcast.update({
      where: { id: broadcast.id },
      data: {
        content: content as Prisma.InputJsonValue,
        segmentId,
        targetLabel: segment ?? "全員",
        // Submitted broadcasts carry the filter they were submitted with.
        ...(broadcast.status !== "DRAFT" && segment ? { targetFilter: segments.find((s) => s.name === segment)!.filter as Prisma.InputJsonValue } : {}),
      },
    });
  }

  await db.broadcast.create({
    data: {
      title: "大雨による避難指示（訓練用の下書き）",
      createdById: bousai,
      emergency: true,
      segmentId: created.get("緑ヶ丘地区の防災情報")!,
      targetLabel: "緑ヶ丘地区の防災情報",
      content: {
        variants: {
          ja: [{ type: "flex", template: "disaster", level: "警戒レベル4 避難指示", title: "大雨のため避難指示を出しました", area: "緑ヶ丘一丁目〜四丁目", body: "緑ヶ丘小学校の避難所を開設しました。危険な場所にいる人は、全員避難してください。", button: { kind: "liff", label: "避難所を確認する", page: "disaster" } }],
          "ja-easy": [{ type: "flex", template: "disaster", level: "レベル4 にげて ください", title: "あめ が たくさん ふって います", area: "みどりがおか", body: "みどりがおか しょうがっこう に にげて ください。", button: { kind: "liff", label: "にげる ばしょ", page: "disaster" } }],
          en: [{ type: "flex", template: "disaster", level: "Level 4: Evacuate", title: "Evacuation order due to heavy rain", area: "Midorigaoka 1–4", body: "An evacuation shelter is open at Midorigaoka Elementary School. Everyone in a dangerous place must evacuate.", button: { kind: "liff", label: "Find a shelter", page: "disaster" } }],
        },
      } satisfies BroadcastContent as Prisma.InputJsonValue,
    },
  });
}
