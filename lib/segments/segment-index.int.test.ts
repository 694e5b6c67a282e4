import { describe, expect, it } from "vitest";
import pg from "pg";
import { useTestDatabase } from "@/scripts/test/db";
import { seedDemoCity } from "@/lib/seed/seed-demo-city";
import { seedResidents } from "@/lib/seed/seed-residents";
import { countSegment, countSegmentBySql, rebuildSegmentIndex, resetSegmentIndexCache } from "@/lib/segments/segment-index";
import { segmentFilterSchema, type SegmentCondition, type SegmentFilter } from "@/lib/segments/filter";
import { DISASTER_CATEGORY_CODES, GENDER_CODES, LANGUAGE_CODES, TOPIC_CODES } from "@/lib/registration/options";
import { syntheticLineUserId } from "@/lib/demo/synthetic-residents";

const t = useTestDatabase();

// A deterministic pseudo-random generator, so a failure can be replayed.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomCondition(r: () => number, districtIds: number[]): SegmentCondition {
  const pick = <T,>(list: readonly T[], n = 1 + Math.floor(r() * 3)) => [...new Set(Array.from({ length: n }, () => list[Math.floor(r() * list.length)]!))];
  const kinds = ["district", "age", "gender", "language", "topics", "childAge", "expecting", "registered", "followed", "tags", "disaster"] as const;
  const kind = kinds[Math.floor(r() * kinds.length)]!;
  switch (kind) {
    case "district": return { kind, districtIds: pick(districtIds) };
    case "age": { const a = Math.floor(r() * 60); const b = a + Math.floor(r() * 40); const open = r(); return { kind, min: open < 0.2 ? null : a, max: open > 0.8 ? null : b }; }
    case "gender": return { kind, values: pick(GENDER_CODES) };
    case "language": return { kind, values: pick(LANGUAGE_CODES) };
    case "topics": return { kind, match: r() < 0.5 ? "any" : "all", values: pick(TOPIC_CODES) };
    case "childAge": { const a = Math.floor(r() * 100); return { kind, minMonths: a, maxMonths: a + Math.floor(r() * 80) }; }
    case "expecting": return { kind };
    case "registered": return { kind, value: r() < 0.5 };
    case "followed": { const open = r(); return { kind, from: open < 0.3 ? null : "2025-06-01", to: open > 0.7 ? null : "2026-03-31" }; }
    case "tags": return { kind, match: r() < 0.5 ? "any" : "all", values: pick(["防災訓練参加者", "ボランティア", "未使用のタグ"]) };
    case "disaster": return { kind, categories: r() < 0.3 ? [] : pick(DISASTER_CATEGORY_CODES), districtIds: r() < 0.3 ? [districtIds[0]!] : pick(districtIds) };
  }
}

function randomFilter(r: () => number, districtIds: number[]): SegmentFilter {
  const groups = Array.from({ length: Math.floor(r() * 3) }, () => ({
    combine: r() < 0.5 ? "and" : "or",
    conditions: Array.from({ length: 1 + Math.floor(r() * 3) }, () => randomCondition(r, districtIds)),
  }));
  return segmentFilterSchema.parse({ combine: r() < 0.5 ? "and" : "or", groups });
}

describe("[SEGMENTS] bitmap index", () => {
  it("counts exactly what the SQL of to-where.ts selects, before and after residents change", async () => {
    await seedDemoCity(t.db, t.url, { residents: 300 });
    await seedResidents(t.url, { count: 4000 });
    const districtIds = (await t.db.district.findMany({ select: { id: true } })).map((d) => d.id);
    const sendDate = new Date("2026-12-01T00:30:00Z");
    const r = rng(20261201);
    const check = async (label: string) => {
      for (let i = 0; i < 60; i++) {
        const filter = randomFilter(r, districtIds);
        const [fast, exact] = await Promise.all([countSegment(t.db, filter, { sendDate }), countSegmentBySql(t.db, filter, { sendDate })]);
        expect(fast.count, `${label} #${i} ${JSON.stringify(filter)}`).toBe(exact);
        expect(fast.method).toBe("bitmap");
      }
    };
    await check("fresh build");
    expect(await t.db.segmentDirty.count()).toBe(0);

    // Residents change after the build: new friends, blocks, registrations, withdrawals, deletions.
    const someone = (n: number) => ({ lineUserId: syntheticLineUserId(n) });
    await t.db.resident.update({ where: someone(5), data: { followStatus: "BLOCKED" } });
    await t.db.resident.update({ where: someone(6), data: { topics: ["kosodate", "bousai"], childBirthMonths: [2026 * 12 + 3], districtId: districtIds[2] } });
    await t.db.resident.update({ where: someone(7), data: { registeredAt: null, districtId: null, birthYear: null, birthMonth: null, topics: [] } });
    await t.db.resident.create({ data: { lineUserId: `U${"ab".repeat(16)}`, preferredLanguage: "en", registeredAt: new Date(), districtId: districtIds[0], birthYear: 1990, birthMonth: 4, gender: "FEMALE", topics: ["event"], tags: ["ボランティア"] } });
    await t.db.resident.updateMany({ where: { lineUserId: { in: [8, 9, 10].map(syntheticLineUserId) } }, data: { dueMonth: 2027 * 12 + 2, tags: ["防災訓練参加者"] } });
    await t.db.resident.delete({ where: someone(11) });
    await t.db.resident.update({ where: someone(12), data: { displayName: "名前だけ変更" } });
    const dirty = await t.db.segmentDirty.findMany();
    expect(new Set(dirty.map((d) => d.position)).size).toBe(8);
    resetSegmentIndexCache();
    await check("after changes");

    const rebuilt = await rebuildSegmentIndex(t.url);
    expect(rebuilt).toMatchObject({ residents: 4000 });
    expect(await t.db.segmentDirty.count()).toBe(0);
    await check("rebuilt");
  });

  it("falls back to SQL when no build exists yet", async () => {
    await t.db.segmentIndexBuild.deleteMany();
    resetSegmentIndexCache();
    const result = await countSegment(t.db, { combine: "and", groups: [] }, { sendDate: new Date() });
    expect(result.method).toBe("sql");
    expect(result.count).toBe(await t.db.resident.count({ where: { followStatus: "FOLLOWING" } }));
  });

  it("the worker's minute check reads no resident when nothing changed since the last build", async () => {
    await rebuildSegmentIndex(t.url);
    expect(await t.db.segmentDirty.count()).toBe(0);
    // Any read of the resident table now waits for this lock.
    const blocker = new pg.Client({ connectionString: t.url });
    await blocker.connect();
    await blocker.query("begin");
    await blocker.query("lock table resident in access exclusive mode");
    try {
      const check = rebuildSegmentIndex(t.url, { onlyIfDirty: true });
      const waited = new Promise((_, reject) => setTimeout(() => reject(new Error("the check waited for the resident table")), 3_000));
      expect(await Promise.race([check, waited])).toEqual({ skipped: true });
    } finally {
      await blocker.query("rollback");
      await blocker.end();
    }
  });
});
