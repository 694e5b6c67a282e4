// The official @line/bot-sdk (11.2.0) against the emulator: the same client code the app uses must
// work unchanged with only base URLs pointing here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { HTTPFetchError, LineBotClient, manageAudience, messagingApi } from "@line/bot-sdk";
import { syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { makePng, startTestEmulator, type TestEmulator } from "./testing";

const ALICE = syntheticLineUserId(1);
const BOB = syntheticLineUserId(2);
let emu: TestEmulator;
let client: messagingApi.MessagingApiClient;
let blob: messagingApi.MessagingApiBlobClient;
let audience: manageAudience.ManageAudienceClient;
let audienceBlob: manageAudience.ManageAudienceBlobClient;

beforeAll(async () => {
  emu = await startTestEmulator({ config: { narrowcast: { waitingMs: 0, sendingMs: 0 }, audienceProcessingMs: 0 } });
  client = new messagingApi.MessagingApiClient({ channelAccessToken: emu.token, baseURL: emu.url });
  blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken: emu.token, baseURL: emu.url });
  audience = new manageAudience.ManageAudienceClient({ channelAccessToken: emu.token, baseURL: emu.url });
  audienceBlob = new manageAudience.ManageAudienceBlobClient({ channelAccessToken: emu.token, baseURL: emu.url });
});
afterAll(() => emu.close());

describe("[SDK] @line/bot-sdk against the emulator", () => {
  it("pushes and multicasts with retry keys; a repeat surfaces as HTTPFetchError 409", async () => {
    const push = await client.pushMessage({ to: ALICE, messages: [{ type: "text", text: "お知らせです" }] }, randomUUID());
    expect(push.sentMessages).toHaveLength(1);
    const key = randomUUID();
    const first = await client.multicastWithHttpInfo({ to: [ALICE, BOB], messages: [{ type: "text", text: "一斉送信" }] }, key);
    expect(first.httpResponse.status).toBe(200);
    const acceptedId = first.httpResponse.headers.get("x-line-request-id");
    const repeat = await client.multicast({ to: [ALICE, BOB], messages: [{ type: "text", text: "一斉送信" }] }, key).catch((e: unknown) => e);
    expect(repeat).toBeInstanceOf(HTTPFetchError);
    expect((repeat as HTTPFetchError).status).toBe(409);
    expect((repeat as HTTPFetchError).headers.get("x-line-accepted-request-id")).toBe(acceptedId);
    expect(JSON.parse((repeat as HTTPFetchError).body)).toEqual({ message: "The retry key is already accepted" });
  });

  it("reads profiles, followers, bot info, quota", async () => {
    expect((await client.getProfile(ALICE)).userId).toBe(ALICE);
    const followers = await client.getFollowers(undefined, 1000);
    expect(followers.userIds).toHaveLength(1000);
    expect(followers.next).toBeTruthy();
    const next = await client.getFollowers(followers.next, 1000);
    expect(next.userIds.length).toBeGreaterThan(0);
    expect((await client.getBotInfo()).userId).toMatch(/^U[0-9a-f]{32}$/);
    expect(await client.getMessageQuota()).toEqual({ type: "none" });
    expect((await client.getMessageQuotaConsumption()).totalUsage).toBeGreaterThan(0);
    await client.showLoadingAnimation({ chatId: ALICE, loadingSeconds: 5 });
  });

  it("validation errors carry LINE's details", async () => {
    const error = await client.validatePush({ messages: [{ type: "text", text: "" }] }).catch((e: unknown) => e);
    expect((error as HTTPFetchError).status).toBe(400);
    expect(JSON.parse((error as HTTPFetchError).body)).toEqual({ message: "The request body has 1 error(s)", details: [{ message: "May not be empty", property: "messages[0].text" }] });
  });

  it("creates a rich menu, uploads its image on the data host, sets it as default and links it", async () => {
    const { richMenuId } = await client.createRichMenu({
      size: { width: 2500, height: 843 },
      selected: true,
      name: "menu",
      chatBarText: "メニュー",
      areas: [{ bounds: { x: 0, y: 0, width: 2500, height: 843 }, action: { type: "postback", data: "menu" } }],
    });
    await blob.setRichMenuImage(richMenuId, new Blob([new Uint8Array(makePng(2500, 843))], { type: "image/png" }));
    await client.setDefaultRichMenu(richMenuId);
    expect((await client.getDefaultRichMenuId()).richMenuId).toBe(richMenuId);
    await client.linkRichMenuIdToUser(ALICE, richMenuId);
    expect((await client.getRichMenuIdOfUser(ALICE)).richMenuId).toBe(richMenuId);
    const image = await blob.getRichMenuImage(richMenuId);
    const chunks: Buffer[] = [];
    for await (const chunk of image) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(1, 4).toString()).toBe("PNG");
    await client.createRichMenuAlias({ richMenuAliasId: "top", richMenuId });
    expect((await client.getRichMenuAliasList()).aliases).toEqual([{ richMenuAliasId: "top", richMenuId }]);
  });

  it("downloads what a resident sent", async () => {
    const sent = await emu.admin("POST", `/residents/${ALICE}/messages`, { type: "image", dataBase64: makePng(4, 4).toString("base64"), contentType: "image/png" });
    const stream = await blob.getMessageContent(sent.json.messageId);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(makePng(4, 4))).toBe(true);
  });

  it("uploads an audience by JSON and by file, then narrowcasts to it and follows its progress", async () => {
    const created = await audience.createAudienceGroup({ description: "防災訓練参加者", audiences: [{ id: ALICE }] });
    await audience.addAudienceToAudienceGroup({ audienceGroupId: created.audienceGroupId, audiences: [{ id: BOB }] });
    const byFile = await audienceBlob.createAudienceForUploadingUserIds(new Blob([`${ALICE}\n${BOB}\n`], { type: "text/plain" }), "ファイル");
    expect((await audience.getAudienceData(byFile.audienceGroupId!)).audienceGroup?.audienceCount).toBe(2);
    const sent = await client.narrowcastWithHttpInfo({ messages: [{ type: "text", text: "訓練のお知らせ" }], recipient: { type: "audience", audienceGroupId: created.audienceGroupId } }, randomUUID());
    expect(sent.httpResponse.status).toBe(202);
    const progress = await client.getNarrowcastProgress(sent.httpResponse.headers.get("x-line-request-id")!);
    expect(progress).toMatchObject({ phase: "succeeded", successCount: 2, targetCount: 2 });
  });

  it("works through the unified LineBotClient with both base URLs", async () => {
    const unified = LineBotClient.fromChannelAccessToken({ channelAccessToken: emu.token, apiBaseURL: emu.url, dataApiBaseURL: emu.url });
    expect((await unified.getProfile(BOB)).userId).toBe(BOB);
    const response = await unified.broadcast({ messages: [{ type: "text", text: "全員へ" }] }, randomUUID());
    expect(response).toEqual({});
  });
});
