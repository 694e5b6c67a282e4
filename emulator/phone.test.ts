// The phone view's server side: the page and its assets, the conversation it shows, live updates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import { syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { startTestEmulator, type TestEmulator } from "./testing";

const ALICE = syntheticLineUserId(1);
let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

describe("[PHONE] page", () => {
  it("serves the Japanese page and its assets", async () => {
    const page = await fetch(`${emu.url}/`);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('src="/__emulator/phone/app.js"');
    for (const asset of ["app.js", "render.js", "styles.css"]) expect((await fetch(`${emu.url}/__emulator/phone/${asset}`)).status).toBe(200);
    expect((await fetch(`${emu.url}/__emulator/phone/..%2Fserver.ts`)).status).toBe(404);
  });

  it("lists residents page by page and finds them by name", async () => {
    const page = (await emu.admin("GET", "/residents?offset=0&limit=5")).json;
    expect(page.total).toBe(1200);
    expect(page.residents[0]).toMatchObject({ userId: ALICE, status: "friend", synthetic: 1 });
    const name = page.residents[0].displayName as string;
    const found = (await emu.admin("GET", `/residents?q=${encodeURIComponent(name)}&limit=500`)).json;
    expect(found.residents.every((r: { displayName: string }) => r.displayName.includes(name))).toBe(true);
  });
});

describe("[PHONE] conversation", () => {
  it("merges what the resident sent and what the app sent, with cursors", async () => {
    await emu.admin("POST", `/residents/${ALICE}/messages`, { type: "text", text: "こんにちは" });
    await emu.api("POST", "/v2/bot/message/push", { to: ALICE, messages: [{ type: "text", text: "ようこそ" }] });
    const first = (await emu.admin("GET", `/residents/${ALICE}/conversation`)).json;
    expect(first.incoming).toMatchObject([{ kind: "message", message: { type: "text", text: "こんにちは" } }]);
    expect(first.outgoing).toMatchObject([{ endpoint: "push", delivered: true, messages: [{ text: "ようこそ" }] }]);
    await emu.api("POST", "/v2/bot/message/push", { to: ALICE, messages: [{ type: "text", text: "2通目" }] });
    const next = (await emu.admin("GET", `/residents/${ALICE}/conversation?afterSeq=${first.lastSeq}`)).json;
    expect(next.outgoing.map((o: { messages: { text: string }[] }) => o.messages[0]!.text)).toEqual(["2通目"]);
  });

  it("streams a change notice when the app sends to the resident", async () => {
    const events: string[] = [];
    const done = new Promise<void>((resolve) => {
      const req = http.get(`${emu.url}/__emulator/stream?userId=${ALICE}`, (res) => {
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          events.push(chunk);
          if (chunk.includes("event: change")) {
            req.destroy();
            resolve();
          }
        });
      });
      req.on("error", () => {});
      setTimeout(() => void emu.api("POST", "/v2/bot/message/push", { to: ALICE, messages: [{ type: "text", text: "通知" }] }), 100);
    });
    await done;
    expect(events.join("")).toContain("event: change");
  });
});
