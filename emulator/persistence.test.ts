// State survives a restart through the JSON state file, and can be saved/loaded through the admin API.
import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { DEMO_CHANNEL } from "./demo-channel";
import { makePng, request, startTestEmulator, type TestEmulator } from "./testing";

const dir = mkdtempSync(path.join(tmpdir(), "line-emulator-"));
const running: TestEmulator[] = [];
afterEach(async () => {
  for (const e of running.splice(0)) await e.close();
});

async function start(stateFile: string, friends?: number): Promise<TestEmulator> {
  const emu = await startTestEmulator({ stateFile, friends });
  running.push(emu);
  return emu;
}

describe("[STATE] save and load", () => {
  it("keeps friends, records, rich menus, audiences, retry keys and login keys across a restart", async () => {
    const file = path.join(dir, "state.json");
    const first = await start(file);
    const key = randomUUID();
    await first.api("POST", "/v2/bot/message/push", { to: syntheticLineUserId(1), messages: [{ type: "text", text: "保存" }] }, { "x-line-retry-key": key });
    const resident = (await first.admin("POST", "/residents", { displayName: "保存 花子", follow: false, friend: false })).json.resident.userId as string;
    await first.admin("POST", `/residents/${syntheticLineUserId(2)}/unfollow`);
    const menu = (await first.api("POST", "/v2/bot/richmenu", { size: { width: 2500, height: 843 }, selected: true, name: "m", chatBarText: "メニュー", areas: [] })).json.richMenuId;
    await first.api("POST", `/v2/bot/richmenu/${menu}/content`, makePng(2500, 843), { "content-type": "image/png" });
    await first.api("POST", `/v2/bot/user/all/richmenu/${menu}`);
    const audience = (await first.api("POST", "/v2/bot/audienceGroup/upload", { description: "保存", audiences: [{ id: resident }] })).json.audienceGroupId;
    const { idToken } = (await first.admin("POST", "/liff/token", { userId: resident })).json;
    await first.close();
    running.length = 0;
    expect(existsSync(file)).toBe(true);

    const second = await start(file);
    expect((await second.admin("GET", `/messages?retryKey=${key}`)).json.messages).toHaveLength(1);
    expect((await second.api("POST", "/v2/bot/message/push", { to: syntheticLineUserId(1), messages: [{ type: "text", text: "保存" }] }, { "x-line-retry-key": key })).status).toBe(409);
    expect((await second.admin("GET", `/residents/${resident}`)).json).toMatchObject({ displayName: "保存 花子", status: "not-friend" });
    expect((await second.api("GET", `/v2/bot/profile/${syntheticLineUserId(2)}`)).status).toBe(404);
    expect((await second.api("GET", "/v2/bot/user/all/richmenu")).json).toEqual({ richMenuId: menu });
    expect((await second.api("GET", `/v2/bot/richmenu/${menu}/content`)).status).toBe(200);
    expect((await second.api("GET", `/v2/bot/audienceGroup/${audience}`)).json.audienceGroup.audienceCount).toBe(1);
    const verified = await request(`${second.url}/oauth2/v2.1/verify`, "POST", new URLSearchParams({ id_token: idToken, client_id: DEMO_CHANNEL.loginChannelId }).toString(), { "content-type": "application/x-www-form-urlencoded" });
    expect(verified.json.sub).toBe(resident);
  });

  it("saves and loads through the admin API", async () => {
    const file = path.join(dir, "admin.json");
    const emu = await start(path.join(dir, "unused.json"));
    await emu.api("POST", "/v2/bot/message/broadcast", { messages: [{ type: "text", text: "a" }] });
    expect((await emu.admin("POST", "/save", { file })).status).toBe(200);
    await emu.api("POST", "/v2/bot/message/broadcast", { messages: [{ type: "text", text: "b" }] });
    expect((await emu.admin("GET", "/messages/stats")).json.requests).toBe(2);
    expect((await emu.admin("POST", "/load", { file })).status).toBe(200);
    expect((await emu.admin("GET", "/messages/stats")).json.requests).toBe(1);
  });
});

process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
