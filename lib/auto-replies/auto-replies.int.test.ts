// Auto-reply rules and Flex templates: saved with audit, regular expressions checked, Flex JSON
// checked by LINE (the emulator's validation) before it is saved; the first rule by priority answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/scripts/test/db";
import { seedStaff } from "@/scripts/test/factories";
import { startChatHarness, type ChatHarness } from "@/lib/webhook/testing/harness";
import { staffLabel } from "@/lib/auth/sessions";
import { findAutoReply } from "@/lib/auto-replies/find-auto-reply";
import { FlexTemplateError, deleteFlexTemplate, saveAutoReplyRule, saveFlexTemplate, saveRuleSchema } from "@/lib/auto-replies/manage";

const t = useTestDatabase();
let h: ChatHarness;

beforeAll(async () => {
  h = await startChatHarness(t.db, t.url);
});
afterAll(async () => {
  await h?.close();
});

const form = { name: "ごみ", matchType: "CONTAINS", pattern: "ごみの日", priority: "20", active: "on", activeFrom: "", activeUntil: "", hoursFrom: "", hoursUntil: "", weekdays: [], replyText: "収集日はこちら", flexTemplateId: "" };

describe("[AUTO-REPLY] rules and Flex templates", () => {
  it("validates the form: a reply is required, risky regular expressions and half-set hours are refused", () => {
    expect(saveRuleSchema.safeParse(form).success).toBe(true);
    const errors = (values: object) => saveRuleSchema.safeParse({ ...form, ...values }).error?.issues.map((i) => `${String(i.path[0])}: ${i.message}`) ?? [];
    expect(errors({ replyText: "" })).toEqual(["replyText: 返信の文章か Flex テンプレートのどちらかを設定してください。"]);
    expect(errors({ matchType: "REGEX", pattern: "(a+)+" })[0]).toMatch(/^pattern: .*入れ子/);
    expect(errors({ hoursFrom: "9:00" })[0]).toMatch(/^hoursUntil/);
    expect(errors({ activeFrom: "2026-12-02T10:00", activeUntil: "2026-12-01T10:00" })[0]).toMatch(/^activeUntil/);
    expect(saveRuleSchema.parse({ ...form, hoursFrom: "17:15", hoursUntil: "08:30", weekdays: ["1", "5"] })).toMatchObject({ hoursFrom: 1035, hoursUntil: 510, weekdays: [1, 5] });
  });

  it("saves a Flex template only when LINE accepts it, and answers with text and Flex in priority order", async () => {
    const staff = await seedStaff(t.db);
    const actor = { ...staff, label: staffLabel(staff) };
    const bad = JSON.stringify({ type: "bubble", body: { type: "box", layout: "vertical", contents: [{ type: "button", action: { type: "uri", label: "開く", uri: "javascript:alert(1)" } }] } });
    await expect(saveFlexTemplate(t.db, { input: { id: undefined, name: "不正", altText: "不正", contents: bad }, actor })).rejects.toBeInstanceOf(FlexTemplateError);
    await expect(saveFlexTemplate(t.db, { input: { id: undefined, name: "x", altText: "x", contents: "{" }, actor })).rejects.toThrow(/JSON として読み取れませんでした/);
    const good = JSON.stringify({ type: "flex", altText: "案内", contents: { type: "bubble", body: { type: "box", layout: "vertical", contents: [{ type: "text", text: "案内" }] } } });
    const template = await saveFlexTemplate(t.db, { input: { id: undefined, name: "案内", altText: "市役所のご案内", contents: good }, actor });

    const parsed = saveRuleSchema.parse({ ...form, flexTemplateId: template.id });
    await saveAutoReplyRule(t.db, { input: parsed, actor });
    await saveAutoReplyRule(t.db, { input: saveRuleSchema.parse({ ...form, name: "優先", pattern: "ごみ", priority: "1", replyText: "優先ルール" }), actor });
    const hit = await findAutoReply(t.db, { text: "ごみの日は？", now: new Date() });
    expect(hit?.rule.name).toBe("優先");
    await t.db.autoReplyRule.updateMany({ where: { name: "優先" }, data: { active: false } });
    const second = await findAutoReply(t.db, { text: "ごみの日は？", now: new Date() });
    expect(second?.messages.map((m) => m.type)).toEqual(["text", "flex"]);
    await expect(deleteFlexTemplate(t.db, { id: template.id, actor })).rejects.toThrow(/自動応答 1 件で使われています/);
    expect(await t.db.auditLog.count({ where: { action: { in: ["flex-templates.create", "auto-replies.create"] }, actorId: staff.id } })).toBe(3);
  });
});
