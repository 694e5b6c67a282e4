// Contract tests: every LINE endpoint the emulator serves exists in LINE's OpenAPI specs with the same
// method, path and operationId, and each answers with a body that conforms to the spec's response
// schema (ErrorResponse for errors).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { checkSchema, loadSpec, operationsOf, responseSchema, SPEC_FILES, type SpecName } from "./contract/openapi";
import { lineRoutes } from "./server";
import { makePng, request, startTestEmulator, startWebhookReceiver, type ApiResponse, type TestEmulator } from "./testing";

const FRIEND = syntheticLineUserId(1);
const BLOCKED = syntheticLineUserId(37);

let emu: TestEmulator;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  emu = await startTestEmulator({
    webhookUrl: receiver.url,
    config: { allowLocalhostHttp: true, narrowcast: { waitingMs: 100, sendingMs: 100 }, audienceProcessingMs: 0 },
  });
});
afterAll(async () => {
  await emu.close();
  await receiver.close();
});

const specOf = new Map<string, { spec: SpecName; method: string; path: string }>();
for (const name of SPEC_FILES) for (const op of operationsOf(name)) specOf.set(op.operationId, { spec: name, method: op.method, path: op.path });

/** Asserts the response's status and that its body conforms to the spec for that operation. */
function expectContract(operationId: string, response: ApiResponse, status: number): void {
  const op = specOf.get(operationId);
  if (!op) throw new Error(`${operationId} is not in LINE's specs`);
  expect(response.status, `${operationId}: ${response.text}`).toBe(status);
  expect(response.headers.get("x-line-request-id"), "every response carries x-line-request-id").toMatch(/^[0-9a-f-]{36}$/);
  const schema = responseSchema(op.spec, op.method, op.path, status);
  if (!schema) return;
  const errors = checkSchema(loadSpec(op.spec), schema, response.json);
  expect(errors, `${operationId} ${status}: ${response.text}`).toEqual([]);
}

describe("[CONTRACT] endpoint inventory", () => {
  it("serves every LINE endpoint at the spec's method and path, named by its operationId", async () => {
    const notInSpecs = ["getJwks", "verifyIdToken", "getUserProfile", "getUserInfo", "getFriendshipStatus"];
    for (const route of lineRoutes(emu.emulator)) {
      if (notInSpecs.includes(route.id)) continue; // LINE Login v2.1: no OpenAPI file; see login.test.ts
      const op = specOf.get(route.id);
      expect(op, `${route.id} is an operationId of LINE's specs`).toBeDefined();
      expect(`${route.method} ${route.path}`).toBe(`${op!.method} ${op!.path}`);
    }
  });

  it("covers every endpoint the issue lists", () => {
    const served = new Set(lineRoutes(emu.emulator).map((r) => r.id));
    const required = [
      "replyMessage", "pushMessage", "multicast", "broadcast", "narrowcast", "getNarrowcastProgress",
      "validateReply", "validatePush", "validateMulticast", "validateNarrowcast", "validateBroadcast",
      "getProfile", "getFollowers", "getMessageQuota", "getMessageQuotaConsumption",
      "getNumberOfSentReplyMessages", "getNumberOfSentPushMessages", "getNumberOfSentMulticastMessages", "getNumberOfSentBroadcastMessages",
      "createRichMenu", "setRichMenuImage", "getRichMenuImage", "getRichMenuList", "getRichMenu", "deleteRichMenu",
      "setDefaultRichMenu", "getDefaultRichMenuId", "cancelDefaultRichMenu", "linkRichMenuIdToUser", "unlinkRichMenuIdFromUser",
      "getRichMenuIdOfUser", "linkRichMenuIdToUsers", "unlinkRichMenuIdFromUsers", "createRichMenuAlias", "getRichMenuAlias",
      "updateRichMenuAlias", "deleteRichMenuAlias", "getRichMenuAliasList", "showLoadingAnimation", "markMessagesAsReadByToken",
      "getWebhookEndpoint", "setWebhookEndpoint", "testWebhookEndpoint", "getMessageContent",
      "createAudienceGroup", "addAudienceToAudienceGroup", "createAudienceForUploadingUserIds", "addUserIdsToAudience",
      "getAudienceData", "getAudienceGroups", "deleteAudienceGroup", "updateAudienceGroupDescription",
    ];
    expect(required.filter((id) => !served.has(id))).toEqual([]);
  });

  it("serves the api-data.line.me operations of the specs on the same origin", () => {
    const served = new Set(lineRoutes(emu.emulator).map((r) => r.id));
    const dataOps = [...operationsOf("messaging-api"), ...operationsOf("manage-audience")].filter((op) => op.dataHost).map((op) => op.operationId);
    expect(dataOps.filter((id) => !served.has(id))).toEqual([]);
  });
});

describe("[CONTRACT] Messaging API responses", () => {
  it("send endpoints: reply, push, multicast, broadcast, narrowcast and its progress", async () => {
    const message = await emu.admin("POST", `/residents/${FRIEND}/messages`, { type: "text", text: "こんにちは" });
    const replyToken = message.json.events[0].replyToken as string;
    expectContract("replyMessage", await emu.api("POST", "/v2/bot/message/reply", { replyToken, messages: [{ type: "text", text: "返信" }] }), 200);
    expectContract("replyMessage", await emu.api("POST", "/v2/bot/message/reply", { replyToken, messages: [{ type: "text", text: "二回目" }] }), 400);
    expectContract("pushMessage", await emu.api("POST", "/v2/bot/message/push", { to: FRIEND, messages: [{ type: "text", text: "お知らせ" }] }), 200);
    expectContract("multicast", await emu.api("POST", "/v2/bot/message/multicast", { to: [FRIEND, BLOCKED], messages: [{ type: "text", text: "a" }] }, { "x-line-retry-key": randomUUID() }), 200);
    const key = randomUUID();
    await emu.api("POST", "/v2/bot/message/push", { to: FRIEND, messages: [{ type: "text", text: "x" }] }, { "x-line-retry-key": key });
    expectContract("pushMessage", await emu.api("POST", "/v2/bot/message/push", { to: FRIEND, messages: [{ type: "text", text: "x" }] }, { "x-line-retry-key": key }), 409);
    expectContract("broadcast", await emu.api("POST", "/v2/bot/message/broadcast", { messages: [{ type: "text", text: "全員へ" }] }), 200);
    const narrowcast = await emu.api("POST", "/v2/bot/message/narrowcast", { messages: [{ type: "text", text: "一部へ" }] });
    expectContract("narrowcast", narrowcast, 202);
    const requestId = narrowcast.headers.get("x-line-request-id")!;
    const waiting = await emu.api("GET", `/v2/bot/message/progress/narrowcast?requestId=${requestId}`);
    expectContract("getNarrowcastProgress", waiting, 200);
    expect(waiting.json.phase).toBe("waiting");
    emu.emulator.clock.advance(1000);
    const done = await emu.api("GET", `/v2/bot/message/progress/narrowcast?requestId=${requestId}`);
    expectContract("getNarrowcastProgress", done, 200);
    expect(done.json.phase).toBe("succeeded");
    expectContract("getNarrowcastProgress", await emu.api("GET", `/v2/bot/message/progress/narrowcast?requestId=${randomUUID()}`), 404);
  });

  it("validate, quota and delivery counts", async () => {
    for (const id of ["validateReply", "validatePush", "validateMulticast", "validateNarrowcast", "validateBroadcast"] as const) {
      const path = `/v2/bot/message/validate/${id.slice("validate".length).toLowerCase()}`;
      expectContract(id, await emu.api("POST", path, { messages: [{ type: "text", text: "ok" }] }), 200);
      expectContract(id, await emu.api("POST", path, { messages: [{ type: "text", text: "" }] }), 400);
    }
    expectContract("getMessageQuota", await emu.api("GET", "/v2/bot/message/quota"), 200);
    expectContract("getMessageQuotaConsumption", await emu.api("GET", "/v2/bot/message/quota/consumption"), 200);
    for (const [id, type] of [["getNumberOfSentReplyMessages", "reply"], ["getNumberOfSentPushMessages", "push"], ["getNumberOfSentMulticastMessages", "multicast"], ["getNumberOfSentBroadcastMessages", "broadcast"]] as const) {
      expectContract(id, await emu.api("GET", `/v2/bot/message/delivery/${type}?date=20240101`), 200);
      expectContract(id, await emu.api("GET", `/v2/bot/message/delivery/${type}?date=2024-01-01`), 400);
    }
  });

  it("users, bot, chat", async () => {
    expectContract("getProfile", await emu.api("GET", `/v2/bot/profile/${FRIEND}`), 200);
    expectContract("getProfile", await emu.api("GET", `/v2/bot/profile/${BLOCKED}`), 404);
    const followers = await emu.api("GET", "/v2/bot/followers/ids?limit=1000");
    expectContract("getFollowers", followers, 200);
    expect(followers.json.next).toBeTypeOf("string");
    expectContract("getBotInfo", await emu.api("GET", "/v2/bot/info"), 200);
    expectContract("showLoadingAnimation", await emu.api("POST", "/v2/bot/chat/loading/start", { chatId: FRIEND, loadingSeconds: 10 }), 202);
    expectContract("showLoadingAnimation", await emu.api("POST", "/v2/bot/chat/loading/start", { chatId: FRIEND, loadingSeconds: 7 }), 400);
    const message = await emu.admin("POST", `/residents/${FRIEND}/messages`, { type: "text", text: "既読にして" });
    const markAsReadToken = message.json.events[0].message.markAsReadToken as string;
    expectContract("markMessagesAsReadByToken", await emu.api("POST", "/v2/bot/chat/markAsRead", { markAsReadToken }), 200);
    expectContract("markMessagesAsReadByToken", await emu.api("POST", "/v2/bot/chat/markAsRead", { markAsReadToken: "nope" }), 400);
    expectContract("markMessagesAsRead", await emu.api("POST", "/v2/bot/message/markAsRead", { chat: { userId: FRIEND } }), 200);
    expectContract("issueLinkToken", await emu.api("POST", `/v2/bot/user/${FRIEND}/linkToken`), 200);
  });

  it("rich menus, aliases, per-user links, bulk and batch", async () => {
    const menu = {
      size: { width: 2500, height: 1686 },
      selected: true,
      name: "みどり市メニュー",
      chatBarText: "メニュー",
      areas: [{ bounds: { x: 0, y: 0, width: 1250, height: 1686 }, action: { type: "postback", data: "menu=garbage" } }],
    };
    expectContract("validateRichMenuObject", await emu.api("POST", "/v2/bot/richmenu/validate", menu), 200);
    const created = await emu.api("POST", "/v2/bot/richmenu", menu);
    expectContract("createRichMenu", created, 200);
    const id = created.json.richMenuId as string;
    expectContract("setDefaultRichMenu", await emu.api("POST", `/v2/bot/user/all/richmenu/${id}`), 400); // no image yet
    const png = makePng(2500, 1686);
    expectContract("setRichMenuImage", await emu.api("POST", `/v2/bot/richmenu/${id}/content`, png, { "content-type": "image/png" }), 200);
    expectContract("setRichMenuImage", await emu.api("POST", `/v2/bot/richmenu/${id}/content`, png, { "content-type": "image/png" }), 400);
    const image = await fetch(`${emu.url}/v2/bot/richmenu/${id}/content`, { headers: { authorization: `Bearer ${emu.token}` } });
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
    expectContract("getRichMenu", await emu.api("GET", `/v2/bot/richmenu/${id}`), 200);
    expectContract("getRichMenuList", await emu.api("GET", "/v2/bot/richmenu/list"), 200);
    expectContract("setDefaultRichMenu", await emu.api("POST", `/v2/bot/user/all/richmenu/${id}`), 200);
    expectContract("getDefaultRichMenuId", await emu.api("GET", "/v2/bot/user/all/richmenu"), 200);
    expectContract("createRichMenuAlias", await emu.api("POST", "/v2/bot/richmenu/alias", { richMenuAliasId: "main", richMenuId: id }), 200);
    expectContract("createRichMenuAlias", await emu.api("POST", "/v2/bot/richmenu/alias", { richMenuAliasId: "main", richMenuId: id }), 400);
    expectContract("getRichMenuAlias", await emu.api("GET", "/v2/bot/richmenu/alias/main"), 200);
    expectContract("updateRichMenuAlias", await emu.api("POST", "/v2/bot/richmenu/alias/main", { richMenuId: id }), 200);
    expectContract("getRichMenuAliasList", await emu.api("GET", "/v2/bot/richmenu/alias/list"), 200);
    expectContract("linkRichMenuIdToUser", await emu.api("POST", `/v2/bot/user/${FRIEND}/richmenu/${id}`), 200);
    expectContract("getRichMenuIdOfUser", await emu.api("GET", `/v2/bot/user/${FRIEND}/richmenu`), 200);
    expectContract("unlinkRichMenuIdFromUser", await emu.api("DELETE", `/v2/bot/user/${FRIEND}/richmenu`), 200);
    expectContract("getRichMenuIdOfUser", await emu.api("GET", `/v2/bot/user/${FRIEND}/richmenu`), 404);
    expectContract("linkRichMenuIdToUsers", await emu.api("POST", "/v2/bot/richmenu/bulk/link", { richMenuId: id, userIds: [FRIEND] }), 202);
    expectContract("unlinkRichMenuIdFromUsers", await emu.api("POST", "/v2/bot/richmenu/bulk/unlink", { userIds: [FRIEND] }), 202);
    expectContract("validateRichMenuBatchRequest", await emu.api("POST", "/v2/bot/richmenu/validate/batch", { operations: [{ type: "unlinkAll" }] }), 200);
    const batch = await emu.api("POST", "/v2/bot/richmenu/batch", { operations: [{ type: "unlinkAll" }] });
    expectContract("richMenuBatch", batch, 202);
    expectContract("getRichMenuBatchProgress", await emu.api("GET", `/v2/bot/richmenu/progress/batch?requestId=${batch.headers.get("x-line-request-id")}`), 200);
    expectContract("deleteRichMenuAlias", await emu.api("DELETE", "/v2/bot/richmenu/alias/main"), 200);
    expectContract("cancelDefaultRichMenu", await emu.api("DELETE", "/v2/bot/user/all/richmenu"), 200);
    expectContract("deleteRichMenu", await emu.api("DELETE", `/v2/bot/richmenu/${id}`), 200);
    expectContract("getRichMenu", await emu.api("GET", `/v2/bot/richmenu/${id}`), 404);
  });

  it("webhook settings and content", async () => {
    expectContract("getWebhookEndpoint", await emu.api("GET", "/v2/bot/channel/webhook/endpoint"), 200);
    expectContract("setWebhookEndpoint", await emu.api("PUT", "/v2/bot/channel/webhook/endpoint", { endpoint: "ftp://example.com" }), 400);
    expectContract("setWebhookEndpoint", await emu.api("PUT", "/v2/bot/channel/webhook/endpoint", { endpoint: receiver.url }), 200);
    const test = await emu.api("POST", "/v2/bot/channel/webhook/test", {});
    expectContract("testWebhookEndpoint", test, 200);
    expect(test.json).toMatchObject({ success: true, statusCode: 200, reason: "OK" });
    const image = await emu.admin("POST", `/residents/${FRIEND}/messages`, { type: "image", dataBase64: makePng(10, 10).toString("base64"), contentType: "image/png" });
    const messageId = image.json.messageId as string;
    const content = await fetch(`${emu.url}/v2/bot/message/${messageId}/content`, { headers: { authorization: `Bearer ${emu.token}` } });
    expect(content.status).toBe(200);
    expect(content.headers.get("content-type")).toBe("image/png");
    expect(content.headers.get("x-line-request-id")).toBeTruthy();
    expectContract("getMessageContentPreview", await emu.api("GET", `/v2/bot/message/${messageId}/content/preview`), 200);
    expectContract("getMessageContentTranscodingByMessageId", await emu.api("GET", `/v2/bot/message/${messageId}/content/transcoding`), 400);
    const video = await emu.admin("POST", `/residents/${FRIEND}/messages`, { type: "video", duration: 3000 });
    expectContract("getMessageContentTranscodingByMessageId", await emu.api("GET", `/v2/bot/message/${video.json.messageId}/content/transcoding`), 200);
    expectContract("getMessageContent", await emu.api("GET", "/v2/bot/message/999/content"), 404);
  });
});

describe("[CONTRACT] audience management", () => {
  it("creates, adds to, renames, reads, lists and deletes audiences (JSON and file uploads)", async () => {
    const created = await emu.api("POST", "/v2/bot/audienceGroup/upload", { description: "子育て世帯", audiences: [{ id: FRIEND }] });
    expectContract("createAudienceGroup", created, 202);
    const id = created.json.audienceGroupId as number;
    expectContract("addAudienceToAudienceGroup", await emu.api("PUT", "/v2/bot/audienceGroup/upload", { audienceGroupId: id, audiences: [{ id: syntheticLineUserId(2) }] }), 202);
    expectContract("createAudienceGroup", await emu.api("POST", "/v2/bot/audienceGroup/upload", { description: "x".repeat(121) }), 400);
    const form = new FormData();
    form.set("description", "ファイルから");
    form.set("file", new Blob([`${syntheticLineUserId(3)}\n${syntheticLineUserId(4)}\n`], { type: "text/plain" }), "ids.txt");
    const byFile = await fetch(`${emu.url}/v2/bot/audienceGroup/upload/byFile`, { method: "POST", body: form, headers: { authorization: `Bearer ${emu.token}` } });
    const byFileJson = await byFile.json();
    expectContract("createAudienceForUploadingUserIds", { status: byFile.status, headers: byFile.headers, json: byFileJson, text: JSON.stringify(byFileJson) }, 202);
    const add = new FormData();
    add.set("audienceGroupId", String(byFileJson.audienceGroupId));
    add.set("file", new Blob([`${syntheticLineUserId(5)}\n`], { type: "text/plain" }), "more.txt");
    const added = await fetch(`${emu.url}/v2/bot/audienceGroup/upload/byFile`, { method: "PUT", body: add, headers: { authorization: `Bearer ${emu.token}` } });
    expect(added.status).toBe(202);
    expectContract("updateAudienceGroupDescription", await emu.api("PUT", `/v2/bot/audienceGroup/${id}/updateDescription`, { description: "子育て世帯（更新）" }), 200);
    const data = await emu.api("GET", `/v2/bot/audienceGroup/${byFileJson.audienceGroupId}`);
    expectContract("getAudienceData", data, 200);
    expect(data.json.audienceGroup.audienceCount).toBe(3);
    expectContract("getAudienceGroups", await emu.api("GET", "/v2/bot/audienceGroup/list?page=1"), 200);
    expectContract("getAudienceGroups", await emu.api("GET", "/v2/bot/audienceGroup/list?page=1&size=41"), 400);
    expectContract("deleteAudienceGroup", await emu.api("DELETE", `/v2/bot/audienceGroup/${id}`), 200);
    expectContract("getAudienceData", await emu.api("GET", `/v2/bot/audienceGroup/${id}`), 400);
  });
});

describe("[CONTRACT] channel access tokens", () => {
  it("issues, verifies and revokes short-lived and stateless tokens", async () => {
    const form = (fields: Record<string, string>) => ({ body: new URLSearchParams(fields).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
    const post = (path: string, fields: Record<string, string>) => {
      const f = form(fields);
      return request(`${emu.url}${path}`, "POST", f.body, f.headers);
    };
    const channel = emu.emulator.config.channel;
    const shortLived = await post("/v2/oauth/accessToken", { grant_type: "client_credentials", client_id: channel.channelId, client_secret: channel.channelSecret });
    expectContract("issueChannelToken", shortLived, 200);
    expectContract("verifyChannelToken", await post("/v2/oauth/verify", { access_token: shortLived.json.access_token }), 200);
    const stateless = await post("/oauth2/v3/token", { grant_type: "client_credentials", client_id: channel.channelId, client_secret: channel.channelSecret });
    expectContract("issueStatelessChannelToken", stateless, 200);
    expectContract("verifyChannelTokenByJWT", await request(`${emu.url}/oauth2/v2.1/verify?access_token=${stateless.json.access_token}`, "GET"), 200);
    // An issued token works as a Messaging API bearer token …
    expect((await request(`${emu.url}/v2/bot/info`, "GET", undefined, { authorization: `Bearer ${shortLived.json.access_token}` })).status).toBe(200);
    expectContract("revokeChannelToken", await post("/v2/oauth/revoke", { access_token: shortLived.json.access_token }), 200);
    // … until it is revoked.
    expect((await request(`${emu.url}/v2/bot/info`, "GET", undefined, { authorization: `Bearer ${shortLived.json.access_token}` })).status).toBe(401);
    expect((await post("/v2/oauth/accessToken", { grant_type: "client_credentials", client_id: channel.channelId, client_secret: "wrong" })).status).toBe(400);
  });
});

describe("[CONTRACT] webhook bodies", () => {
  it("every webhook the emulator sent conforms to webhook.yml CallbackRequest", async () => {
    await emu.admin("POST", `/residents/${FRIEND}/postback`, { data: "action=reserve", params: { date: "2026-12-01" } });
    await emu.admin("POST", `/residents/${FRIEND}/messages`, { type: "location", title: "市役所", address: "みどり市本町1-1", latitude: 35.1, longitude: 139.2 });
    await emu.admin("POST", `/residents/${FRIEND}/messages`, { type: "sticker", packageId: "446", stickerId: "1988" });
    await emu.admin("POST", `/residents/${FRIEND}/messages`, { type: "file", fileName: "申請書.pdf", dataBase64: Buffer.from("%PDF").toString("base64") });
    await emu.admin("POST", `/residents/${FRIEND}/unfollow`);
    await emu.admin("POST", `/residents/${FRIEND}/follow`);
    const spec = loadSpec("webhook");
    const bodies = receiver.received.filter((r) => r.json);
    expect(bodies.length).toBeGreaterThan(8);
    for (const body of bodies) {
      expect(checkSchema(spec, { $ref: "#/components/schemas/CallbackRequest" }, body.json), body.body.toString()).toEqual([]);
    }
    const types = new Set(bodies.flatMap((b) => (b.json.events as { type: string }[]).map((e) => e.type)));
    expect([...types].sort()).toEqual(["follow", "message", "postback", "unfollow"]);
  });
});

describe("[CONTRACT] the schema checker itself", () => {
  const spec = loadSpec("messaging-api");
  it("rejects bodies that do not match", () => {
    expect(checkSchema(spec, { $ref: "#/components/schemas/PushMessageResponse" }, {})).toContain("$.sentMessages: required");
    expect(checkSchema(spec, { $ref: "#/components/schemas/PushMessageResponse" }, { sentMessages: [{}] })).toContain("$.sentMessages[0].id: required");
    expect(checkSchema(spec, { $ref: "#/components/schemas/NarrowcastProgressResponse" }, { phase: "done", acceptedTime: "x" })).toEqual([
      '$.phase: "done" is not in enum',
      "$.acceptedTime: not a date-time",
    ]);
  });
  it("follows discriminators (message type → subtype)", () => {
    const message = { $ref: "#/components/schemas/Message" };
    expect(checkSchema(spec, message, { type: "text", text: "hi" })).toEqual([]);
    expect(checkSchema(spec, message, { type: "text" })).toContain("$.text: required");
    expect(checkSchema(spec, message, { type: "nope" })[0]).toMatch(/is not one of/);
  });
});
