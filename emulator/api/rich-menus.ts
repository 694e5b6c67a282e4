// Rich menus: create/validate/get/list/delete, images on the api-data host, the default menu,
// aliases, per-user links, bulk link/unlink and batch control (messaging-api.yml; reference stored
// 2025-04-16, "Rich menu", "Per-user rich menu", "Rich menu alias").
import type { LineEmulator, StoredRichMenu } from "../emulator";
import { fail, ok, type Reply, type RequestContext } from "../core/http";
import { FRIEND } from "../state/friends";
import { InvalidProperty, Issues, MAY_NOT_BE_EMPTY, isRecord, oneOf, sizeBetween } from "../validation/issues";
import { RICH_MENU_MAX_WIDTH, RICH_MENU_MIN_ASPECT_RATIO, RICH_MENU_MIN_HEIGHT, RICH_MENU_MIN_WIDTH, validateRichMenu } from "../validation/rich-menu";
import { bodyObject, failOnIssues, invalidParameter, lineRoute, notFound, type RouteTable } from "./common";

/** "Max file size: 1 MB" (upload rich menu image). */
export const RICH_MENU_IMAGE_MAX_BYTES = 1024 * 1024;
/** Bulk link/unlink: userIds maxItems 500. */
export const RICH_MENU_BULK_MAX_USERS = 500;
/** Batch control: operations maxItems 1000. */
export const RICH_MENU_BATCH_MAX_OPERATIONS = 1000;

/** Width and height from a PNG IHDR chunk or a JPEG SOF marker. */
export function imageDimensions(data: Buffer): { width: number; height: number } | undefined {
  if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47) return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < data.length) {
      if (data[offset] !== 0xff) return undefined;
      const marker = data[offset + 1]!;
      const length = data.readUInt16BE(offset + 2);
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: data.readUInt16BE(offset + 5), width: data.readUInt16BE(offset + 7) };
      }
      offset += 2 + length;
    }
  }
  return undefined;
}

function menuResponse(stored: StoredRichMenu): Record<string, unknown> {
  const { size, selected, name, chatBarText, areas } = stored.menu;
  return { richMenuId: stored.richMenuId, size, selected, name, chatBarText, areas };
}

export function richMenuRoutes(emulator: LineEmulator): RouteTable {
  const menus = emulator.richMenus;

  function requireMenu(id: string): StoredRichMenu {
    const stored = menus.get(id);
    if (!stored) notFound();
    return stored;
  }

  function create(ctx: RequestContext): Reply {
    const issues = new Issues();
    const menu = validateRichMenu(issues, bodyObject(ctx));
    failOnIssues(issues);
    const richMenuId = emulator.newRichMenuId();
    menus.set(richMenuId, { richMenuId, menu: structuredClone(menu!), createdAt: emulator.clock.now() });
    return ok({ richMenuId });
  }

  function validate(ctx: RequestContext): Reply {
    const issues = new Issues();
    validateRichMenu(issues, bodyObject(ctx));
    failOnIssues(issues);
    return ok({});
  }

  function uploadImage(ctx: RequestContext): Reply {
    const contentType = (ctx.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    // 415: "An unsupported media format is specified in Content-Type (other than image/jpeg and image/png)."
    if (contentType !== "image/jpeg" && contentType !== "image/png") fail(415, `The content type, ${contentType || "(none)"}, is not supported`);
    const stored = requireMenu(ctx.params.richMenuId!);
    // "You can't replace an image set to a rich menu."
    if (stored.image) fail(400, "An image has already been uploaded to the richmenu");
    const size = imageDimensions(ctx.body);
    const { width, height } = stored.menu.size;
    const fits =
      size !== undefined &&
      ctx.body.length <= RICH_MENU_IMAGE_MAX_BYTES &&
      size.width === width &&
      size.height === height &&
      size.width >= RICH_MENU_MIN_WIDTH &&
      size.width <= RICH_MENU_MAX_WIDTH &&
      size.height >= RICH_MENU_MIN_HEIGHT &&
      size.width / size.height >= RICH_MENU_MIN_ASPECT_RATIO;
    if (!fits) fail(400, "The image size is not allowed for richmenu");
    stored.image = { contentType, data: Buffer.from(ctx.body) };
    emulator.changes.emit("change", { kind: "richmenu" });
    return ok({});
  }

  function downloadImage(ctx: RequestContext): Reply {
    const stored = requireMenu(ctx.params.richMenuId!);
    if (!stored.image) notFound();
    return { status: 200, body: stored.image.data, contentType: stored.image.contentType };
  }

  function get(ctx: RequestContext): Reply {
    return ok(menuResponse(requireMenu(ctx.params.richMenuId!)));
  }

  function remove(ctx: RequestContext): Reply {
    const id = ctx.params.richMenuId!;
    requireMenu(id);
    menus.delete(id);
    if (emulator.defaultRichMenuId === id) emulator.defaultRichMenuId = null;
    for (const [uid, linked] of emulator.userRichMenus) if (linked === id) emulator.userRichMenus.delete(uid);
    emulator.changes.emit("change", { kind: "richmenu" });
    return ok({});
  }

  function list(): Reply {
    return ok({ richmenus: [...menus.values()].map(menuResponse) });
  }

  function requireImage(stored: StoredRichMenu): void {
    if (!stored.image) fail(400, "must upload richmenu image before applying it to user");
  }

  function setDefault(ctx: RequestContext): Reply {
    const stored = requireMenu(ctx.params.richMenuId!);
    requireImage(stored);
    emulator.defaultRichMenuId = stored.richMenuId;
    emulator.changes.emit("change", { kind: "richmenu" });
    return ok({});
  }

  function getDefault(): Reply {
    if (!emulator.defaultRichMenuId) fail(404, "no default richmenu");
    return ok({ richMenuId: emulator.defaultRichMenuId });
  }

  function cancelDefault(): Reply {
    emulator.defaultRichMenuId = null;
    emulator.changes.emit("change", { kind: "richmenu" });
    return ok({});
  }

  // ── aliases

  function aliasBody(ctx: RequestContext, withAliasId: boolean): { richMenuAliasId?: string; richMenuId: string } {
    const body = bodyObject(ctx);
    const issues = new Issues();
    let aliasId: string | undefined;
    if (withAliasId) {
      const value = body.richMenuAliasId;
      if (value === undefined || value === null || value === "") issues.add("richMenuAliasId", MAY_NOT_BE_EMPTY);
      else if (typeof value !== "string") throw new InvalidProperty("richMenuAliasId");
      // pattern ^[a-z0-9_-]{1,32}$ (CreateRichMenuAliasRequest)
      else if (!/^[a-z0-9_-]{1,32}$/.test(value)) issues.add("richMenuAliasId", "Must match ^[a-z0-9_-]{1,32}$");
      else aliasId = value;
    }
    const richMenuId = body.richMenuId;
    if (richMenuId === undefined || richMenuId === null || richMenuId === "") issues.add("richMenuId", MAY_NOT_BE_EMPTY);
    else if (typeof richMenuId !== "string") throw new InvalidProperty("richMenuId");
    failOnIssues(issues);
    const stored = menus.get(richMenuId as string);
    if (!stored) fail(400, "richmenu not found");
    requireImage(stored);
    return { richMenuAliasId: aliasId, richMenuId: richMenuId as string };
  }

  function createAlias(ctx: RequestContext): Reply {
    const { richMenuAliasId, richMenuId } = aliasBody(ctx, true);
    if (emulator.richMenuAliases.has(richMenuAliasId!)) fail(400, "conflict richmenu alias id");
    emulator.richMenuAliases.set(richMenuAliasId!, richMenuId);
    return ok({});
  }

  function updateAlias(ctx: RequestContext): Reply {
    const aliasId = ctx.params.richMenuAliasId!;
    if (!emulator.richMenuAliases.has(aliasId)) fail(400, "richmenu alias not found");
    const { richMenuId } = aliasBody(ctx, false);
    emulator.richMenuAliases.set(aliasId, richMenuId);
    return ok({});
  }

  function getAlias(ctx: RequestContext): Reply {
    const aliasId = ctx.params.richMenuAliasId!;
    const richMenuId = emulator.richMenuAliases.get(aliasId);
    if (!richMenuId) notFound();
    return ok({ richMenuAliasId: aliasId, richMenuId });
  }

  function deleteAlias(ctx: RequestContext): Reply {
    if (!emulator.richMenuAliases.delete(ctx.params.richMenuAliasId!)) fail(400, "richmenu alias not found");
    return ok({});
  }

  function listAliases(): Reply {
    return ok({ aliases: [...emulator.richMenuAliases].map(([richMenuAliasId, richMenuId]) => ({ richMenuAliasId, richMenuId })) });
  }

  // ── per-user links

  function requireUser(userId: string): number {
    const uid = emulator.friends.uidOf(userId);
    if (uid === 0 || !emulator.friends.isKnownUser(uid)) fail(400, "The value for the 'userId' parameter is invalid");
    return uid;
  }

  function getUserMenu(ctx: RequestContext): Reply {
    const uid = requireUser(ctx.params.userId!);
    const linked = emulator.userRichMenus.get(uid);
    if (!linked) fail(404, "the user has no richmenu");
    return ok({ richMenuId: linked });
  }

  function link(ctx: RequestContext): Reply {
    const uid = requireUser(ctx.params.userId!);
    const stored = requireMenu(ctx.params.richMenuId!);
    requireImage(stored);
    emulator.userRichMenus.set(uid, stored.richMenuId);
    emulator.changes.emit("change", { kind: "richmenu", uid });
    return ok({});
  }

  function unlink(ctx: RequestContext): Reply {
    const uid = requireUser(ctx.params.userId!);
    emulator.userRichMenus.delete(uid);
    emulator.changes.emit("change", { kind: "richmenu", uid });
    return ok({});
  }

  function userIdsOf(body: Record<string, unknown>, issues: Issues): string[] {
    const userIds = body.userIds;
    if (userIds === undefined || userIds === null) {
      issues.add("userIds", MAY_NOT_BE_EMPTY);
      return [];
    }
    if (!Array.isArray(userIds)) throw new InvalidProperty("userIds");
    if (userIds.length < 1 || userIds.length > RICH_MENU_BULK_MAX_USERS) issues.add("userIds", sizeBetween(1, RICH_MENU_BULK_MAX_USERS));
    userIds.forEach((id, i) => {
      if (typeof id !== "string") throw new InvalidProperty(`userIds[${i}]`);
    });
    return userIds as string[];
  }

  function bulkLink(ctx: RequestContext): Reply {
    const body = bodyObject(ctx);
    const issues = new Issues();
    const userIds = userIdsOf(body, issues);
    const richMenuId = body.richMenuId;
    if (typeof richMenuId !== "string" || richMenuId === "") issues.add("richMenuId", MAY_NOT_BE_EMPTY);
    failOnIssues(issues);
    const stored = requireMenu(richMenuId as string);
    requireImage(stored);
    // 202: applied asynchronously on LINE; ids that are not friends are skipped.
    for (const userId of userIds) {
      const uid = emulator.friends.uidOf(userId);
      if (uid !== 0 && emulator.friends.status(uid) === FRIEND) emulator.userRichMenus.set(uid, stored.richMenuId);
    }
    emulator.changes.emit("change", { kind: "richmenu" });
    return ok({}, 202);
  }

  function bulkUnlink(ctx: RequestContext): Reply {
    const body = bodyObject(ctx);
    const issues = new Issues();
    const userIds = userIdsOf(body, issues);
    failOnIssues(issues);
    for (const userId of userIds) {
      const uid = emulator.friends.uidOf(userId);
      if (uid !== 0) emulator.userRichMenus.delete(uid);
    }
    emulator.changes.emit("change", { kind: "richmenu" });
    return ok({}, 202);
  }

  // ── batch control

  function batchOperations(ctx: RequestContext): { type: string; from?: string; to?: string }[] {
    const body = bodyObject(ctx);
    const issues = new Issues();
    const operations = body.operations;
    if (operations === undefined || operations === null) issues.add("operations", MAY_NOT_BE_EMPTY);
    else if (!Array.isArray(operations)) throw new InvalidProperty("operations");
    else {
      if (operations.length < 1 || operations.length > RICH_MENU_BATCH_MAX_OPERATIONS) issues.add("operations", sizeBetween(1, RICH_MENU_BATCH_MAX_OPERATIONS));
      operations.forEach((operation, i) => {
        const path = `operations[${i}]`;
        if (!isRecord(operation)) throw new InvalidProperty(path);
        if (operation.type === "link") {
          if (typeof operation.from !== "string" || !menus.has(operation.from)) issues.add(`${path}.from`, "richmenu not found");
          if (typeof operation.to !== "string" || !menus.has(operation.to)) issues.add(`${path}.to`, "richmenu not found");
        } else if (operation.type === "unlink") {
          if (typeof operation.from !== "string" || !menus.has(operation.from)) issues.add(`${path}.from`, "richmenu not found");
        } else if (operation.type !== "unlinkAll") issues.add(`${path}.type`, oneOf(["link", "unlink", "unlinkAll"]));
      });
    }
    const key = body.resumeRequestKey;
    if (key !== undefined && key !== null && (typeof key !== "string" || !/^[a-zA-Z0-9_-]{1,100}$/.test(key))) issues.add("resumeRequestKey", "Must match ^[a-zA-Z0-9_-]{1,100}$");
    failOnIssues(issues);
    return operations as { type: string; from?: string; to?: string }[];
  }

  function batch(ctx: RequestContext): Reply {
    const operations = batchOperations(ctx);
    for (const operation of operations) {
      for (const [uid, linked] of [...emulator.userRichMenus]) {
        if (operation.type === "unlinkAll") emulator.userRichMenus.delete(uid);
        else if (linked === operation.from) {
          if (operation.type === "link") emulator.userRichMenus.set(uid, operation.to!);
          else emulator.userRichMenus.delete(uid);
        }
      }
    }
    const now = emulator.clock.now();
    emulator.richMenuBatches.set(ctx.requestId, { acceptedAt: now, completedAt: now + emulator.config.narrowcast.waitingMs, failed: false });
    emulator.changes.emit("change", { kind: "richmenu" });
    return ok({}, 202);
  }

  function validateBatch(ctx: RequestContext): Reply {
    batchOperations(ctx);
    return ok({});
  }

  function batchProgress(ctx: RequestContext): Reply {
    const requestId = ctx.query.get("requestId");
    if (!requestId) invalidParameter("requestId");
    const job = emulator.richMenuBatches.get(requestId);
    if (!job) notFound();
    const done = emulator.clock.now() >= job.completedAt;
    const body: Record<string, unknown> = { phase: done ? (job.failed ? "failed" : "succeeded") : "ongoing", acceptedTime: new Date(job.acceptedAt).toISOString() };
    if (done) body.completedTime = new Date(job.completedAt).toISOString();
    return ok(body);
  }

  return [
    lineRoute("createRichMenu", "POST", "/v2/bot/richmenu", create),
    lineRoute("validateRichMenuObject", "POST", "/v2/bot/richmenu/validate", validate),
    lineRoute("setRichMenuImage", "POST", "/v2/bot/richmenu/{richMenuId}/content", uploadImage, { body: "raw", maxBodyBytes: 8 * RICH_MENU_IMAGE_MAX_BYTES }),
    lineRoute("getRichMenuImage", "GET", "/v2/bot/richmenu/{richMenuId}/content", downloadImage),
    lineRoute("getRichMenu", "GET", "/v2/bot/richmenu/{richMenuId}", get),
    lineRoute("deleteRichMenu", "DELETE", "/v2/bot/richmenu/{richMenuId}", remove),
    lineRoute("getRichMenuList", "GET", "/v2/bot/richmenu/list", list),
    lineRoute("setDefaultRichMenu", "POST", "/v2/bot/user/all/richmenu/{richMenuId}", setDefault, { body: "none" }),
    lineRoute("getDefaultRichMenuId", "GET", "/v2/bot/user/all/richmenu", getDefault),
    lineRoute("cancelDefaultRichMenu", "DELETE", "/v2/bot/user/all/richmenu", cancelDefault),
    lineRoute("createRichMenuAlias", "POST", "/v2/bot/richmenu/alias", createAlias),
    lineRoute("getRichMenuAlias", "GET", "/v2/bot/richmenu/alias/{richMenuAliasId}", getAlias),
    lineRoute("updateRichMenuAlias", "POST", "/v2/bot/richmenu/alias/{richMenuAliasId}", updateAlias),
    lineRoute("deleteRichMenuAlias", "DELETE", "/v2/bot/richmenu/alias/{richMenuAliasId}", deleteAlias),
    lineRoute("getRichMenuAliasList", "GET", "/v2/bot/richmenu/alias/list", listAliases),
    lineRoute("getRichMenuIdOfUser", "GET", "/v2/bot/user/{userId}/richmenu", getUserMenu),
    lineRoute("unlinkRichMenuIdFromUser", "DELETE", "/v2/bot/user/{userId}/richmenu", unlink),
    lineRoute("linkRichMenuIdToUser", "POST", "/v2/bot/user/{userId}/richmenu/{richMenuId}", link, { body: "none" }),
    lineRoute("linkRichMenuIdToUsers", "POST", "/v2/bot/richmenu/bulk/link", bulkLink),
    lineRoute("unlinkRichMenuIdFromUsers", "POST", "/v2/bot/richmenu/bulk/unlink", bulkUnlink),
    lineRoute("richMenuBatch", "POST", "/v2/bot/richmenu/batch", batch),
    lineRoute("validateRichMenuBatchRequest", "POST", "/v2/bot/richmenu/validate/batch", validateBatch),
    lineRoute("getRichMenuBatchProgress", "GET", "/v2/bot/richmenu/progress/batch", batchProgress),
  ];
}
