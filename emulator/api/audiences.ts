// Audiences for narrowcast (manage-audience.yml; reference "Managing Audience", stored 2025-04-16):
// upload by JSON (api.line.me) or by file (api-data.line.me), add ids, rename, delete, get, list.
// An audience is IN_PROGRESS for a moment and then READY, as on the platform.
import type { Audience, LineEmulator } from "../emulator";
import { fail, ok, parseMultipart, type Reply, type RequestContext } from "../core/http";
import { isLineUserIdShape } from "../state/friends";
import { InvalidProperty, isRecord } from "../validation/issues";
import { bodyObject, lineRoute, type RouteTable } from "./common";

/** CreateAudienceGroupRequest.audiences maxItems 10,000 (JSON); by file "Max number: 1,500,000". */
export const LINE_AUDIENCE_JSON_MAX_IDS = 10_000;
export const LINE_AUDIENCE_FILE_MAX_IDS = 1_500_000;
/** description: "Max character limit: 120". */
export const LINE_AUDIENCE_DESCRIPTION_MAX = 120;
/** "Maximum number of concurrent operations" per audience: 10 (rate limits section). */
export const LINE_AUDIENCE_MAX_CONCURRENT_JOBS = 10;
/** Upload audiences expire 180 days after creation (created → expireTimestamp in reference examples). */
const AUDIENCE_LIFETIME_SECONDS = 180 * 24 * 60 * 60;

function audienceError(message: string, detail: string, property?: string): never {
  fail(400, message, [property ? { message: detail, property } : ({ message: detail } as { message: string; property: string })]);
}

export function audienceRoutes(emulator: LineEmulator): RouteTable {
  const audiences = emulator.audiences;

  function checkDescription(value: unknown, required: boolean): string {
    if (value === undefined || value === null || value === "") {
      if (required) audienceError("description is required", "AUDIENCE_GROUP_NAME_REQUIRED", "description");
      return "";
    }
    if (typeof value !== "string") throw new InvalidProperty("description");
    // Reference example: 400 {"message":"size over audienceGroupName","details":[{"message":"AUDIENCE_GROUP_NAME_SIZE_OVER"}]}
    if (value.length > LINE_AUDIENCE_DESCRIPTION_MAX) audienceError("size over audienceGroupName", "AUDIENCE_GROUP_NAME_SIZE_OVER");
    return value;
  }

  function idsFromJson(value: unknown): string[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new InvalidProperty("audiences");
    if (value.length > LINE_AUDIENCE_JSON_MAX_IDS) fail(400, "The request body has 1 error(s)", [{ message: `Size must be between 0 and ${LINE_AUDIENCE_JSON_MAX_IDS}`, property: "audiences" }]);
    return value.map((entry, i) => {
      if (!isRecord(entry) || typeof entry.id !== "string") throw new InvalidProperty(`audiences[${i}].id`);
      return entry.id;
    });
  }

  function idsFromFile(data: Buffer): string[] {
    const ids = data
      .toString("utf8")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== "");
    if (ids.length > LINE_AUDIENCE_FILE_MAX_IDS) audienceError("Too many audiences", "UPLOAD_AUDIENCE_GROUP_TOO_MANY_AUDIENCE_IDS");
    return ids;
  }

  function addIds(audience: Audience, ids: string[]): void {
    if (audience.isIfaAudience) {
      // IFAs are advertising ids, not LINE users: counted but never matched to a friend.
      audience.ifaCount += ids.length;
      return;
    }
    for (const id of ids) audience.uids.add(emulator.friends.internUid(id));
  }

  function checkIds(ids: string[], isIfa: boolean): void {
    if (isIfa) return;
    // Reference example: 400 "Invalid audience id format" / UPLOAD_AUDIENCE_GROUP_INVALID_AUDIENCE_ID_FORMAT
    if (ids.some((id) => !isLineUserIdShape(id))) audienceError("Invalid audience id format", "UPLOAD_AUDIENCE_GROUP_INVALID_AUDIENCE_ID_FORMAT");
  }

  function createAudience(description: string, isIfa: boolean, ids: string[]): Reply {
    checkIds(ids, isIfa);
    const now = emulator.clock.now();
    const created = Math.floor(now / 1000);
    const audience: Audience = {
      audienceGroupId: emulator.nextAudienceGroupId++,
      description,
      created,
      readyAt: now + emulator.config.audienceProcessingMs,
      isIfaAudience: isIfa,
      expireTimestamp: created + AUDIENCE_LIFETIME_SECONDS,
      uids: new Set(),
      ifaCount: 0,
      jobs: [],
    };
    addIds(audience, ids);
    audiences.set(audience.audienceGroupId, audience);
    return ok(
      {
        audienceGroupId: audience.audienceGroupId,
        createRoute: "MESSAGING_API",
        type: "UPLOAD",
        description,
        created,
        permission: "READ_WRITE",
        expireTimestamp: audience.expireTimestamp,
        isIfaAudience: isIfa,
      },
      202,
    );
  }

  function requireAudience(id: unknown): Audience {
    const audience = typeof id === "number" ? audiences.get(id) : typeof id === "string" && /^\d+$/.test(id) ? audiences.get(Number(id)) : undefined;
    // Reference example: 400 {"message":"audience group not found","details":[{"message":"AUDIENCE_GROUP_NOT_FOUND"}]}
    if (!audience) audienceError("audience group not found", "AUDIENCE_GROUP_NOT_FOUND");
    return audience;
  }

  function addJob(audience: Audience, ids: string[], description: string): Reply {
    const now = emulator.clock.now();
    const running = audience.jobs.filter((job) => job.readyAt > now).length;
    if (running >= LINE_AUDIENCE_MAX_CONCURRENT_JOBS) fail(429, "The number of concurrent operations for this audience has exceeded the limit");
    checkIds(ids, audience.isIfaAudience);
    const before = audience.uids.size + audience.ifaCount;
    addIds(audience, ids);
    audience.jobs.push({
      audienceGroupJobId: emulator.nextAudienceJobId++,
      audienceGroupId: audience.audienceGroupId,
      description,
      type: "DIFF_ADD",
      created: Math.floor(now / 1000),
      readyAt: now + emulator.config.audienceProcessingMs,
      audienceCount: audience.uids.size + audience.ifaCount - before,
    });
    return ok({}, 202);
  }

  function create(ctx: RequestContext): Reply {
    const body = bodyObject(ctx);
    const description = checkDescription(body.description, false);
    const isIfa = body.isIfaAudience === true;
    return createAudience(description, isIfa, idsFromJson(body.audiences));
  }

  function add(ctx: RequestContext): Reply {
    const body = bodyObject(ctx);
    const audience = requireAudience(body.audienceGroupId);
    const description = typeof body.uploadDescription === "string" ? body.uploadDescription : "";
    return addJob(audience, idsFromJson(body.audiences), description);
  }

  function multipartOf(ctx: RequestContext) {
    const contentType = ctx.headers["content-type"] ?? "";
    if (!contentType.toLowerCase().startsWith("multipart/form-data")) fail(415, `The content type, ${contentType || "(none)"}, is not supported`);
    const parts = parseMultipart(ctx.body, contentType);
    const file = parts.get("file");
    if (!file) fail(400, "The request body has 1 error(s)", [{ message: "must be specified", property: "file" }]);
    const text = (name: string) => parts.get(name)?.data.toString("utf8");
    return { parts, file, text };
  }

  function createByFile(ctx: RequestContext): Reply {
    const { file, text } = multipartOf(ctx);
    const description = checkDescription(text("description"), false);
    return createAudience(description, text("isIfaAudience") === "true", idsFromFile(file.data));
  }

  function addByFile(ctx: RequestContext): Reply {
    const { file, text } = multipartOf(ctx);
    const audience = requireAudience(text("audienceGroupId"));
    return addJob(audience, idsFromFile(file.data), text("uploadDescription") ?? file.filename ?? "");
  }

  function rename(ctx: RequestContext): Reply {
    const audience = requireAudience(ctx.params.audienceGroupId);
    const body = bodyObject(ctx);
    audience.description = checkDescription(body.description, true);
    return ok({});
  }

  function remove(ctx: RequestContext): Reply {
    const audience = requireAudience(ctx.params.audienceGroupId);
    audiences.delete(audience.audienceGroupId);
    return ok({});
  }

  function groupJson(audience: Audience): Record<string, unknown> {
    const ready = emulator.clock.now() >= audience.readyAt;
    const expired = emulator.clock.now() / 1000 >= audience.expireTimestamp;
    return {
      audienceGroupId: audience.audienceGroupId,
      createRoute: "MESSAGING_API",
      type: "UPLOAD",
      description: audience.description,
      status: expired ? "EXPIRED" : ready ? "READY" : "IN_PROGRESS",
      audienceCount: audience.uids.size + audience.ifaCount,
      created: audience.created,
      permission: "READ_WRITE",
      isIfaAudience: audience.isIfaAudience,
      expireTimestamp: audience.expireTimestamp,
    };
  }

  function get(ctx: RequestContext): Reply {
    const audience = requireAudience(ctx.params.audienceGroupId);
    const now = emulator.clock.now();
    return ok({
      audienceGroup: groupJson(audience),
      jobs: audience.jobs.slice(-50).map((job) => ({
        audienceGroupJobId: job.audienceGroupJobId,
        audienceGroupId: job.audienceGroupId,
        description: job.description,
        type: job.type,
        jobStatus: now >= job.readyAt ? "FINISHED" : "WORKING",
        audienceCount: job.audienceCount,
        created: job.created,
      })),
    });
  }

  function list(ctx: RequestContext): Reply {
    const pageText = ctx.query.get("page");
    const page = Number(pageText);
    if (pageText === null || !Number.isInteger(page) || page < 1) fail(400, "page: must be greater than or equal to 1", [{ message: "TOO_LOW", property: "page" }]);
    const size = Number(ctx.query.get("size") ?? "20");
    // Reference example: 400 {"message":"size: must be less than or equal to 40","details":[{"message":"TOO_HIGH",…}]}
    if (!Number.isInteger(size) || size > 40) fail(400, "size: must be less than or equal to 40", [{ message: "TOO_HIGH", property: "size" }]);
    if (size < 1) fail(400, "size: must be greater than or equal to 1", [{ message: "TOO_LOW", property: "size" }]);
    const description = ctx.query.get("description")?.toLowerCase();
    const status = ctx.query.get("status");
    const createRoute = ctx.query.get("createRoute");
    const all = [...audiences.values()]
      .map(groupJson)
      .filter((group) => (description ? String(group.description).toLowerCase().includes(description) : true))
      .filter((group) => (status ? group.status === status : true))
      .filter((group) => (createRoute ? group.createRoute === createRoute : true));
    const slice = all.slice((page - 1) * size, page * size);
    return ok({ audienceGroups: slice, hasNextPage: page * size < all.length, totalCount: all.length, readWriteAudienceGroupTotalCount: all.length, size, page });
  }

  return [
    lineRoute("createAudienceGroup", "POST", "/v2/bot/audienceGroup/upload", create),
    lineRoute("addAudienceToAudienceGroup", "PUT", "/v2/bot/audienceGroup/upload", add),
    lineRoute("createAudienceForUploadingUserIds", "POST", "/v2/bot/audienceGroup/upload/byFile", createByFile, { body: "raw", maxBodyBytes: 128 * 1024 * 1024 }),
    lineRoute("addUserIdsToAudience", "PUT", "/v2/bot/audienceGroup/upload/byFile", addByFile, { body: "raw", maxBodyBytes: 128 * 1024 * 1024 }),
    lineRoute("updateAudienceGroupDescription", "PUT", "/v2/bot/audienceGroup/{audienceGroupId}/updateDescription", rename),
    lineRoute("deleteAudienceGroup", "DELETE", "/v2/bot/audienceGroup/{audienceGroupId}", remove),
    lineRoute("getAudienceData", "GET", "/v2/bot/audienceGroup/{audienceGroupId}", get),
    lineRoute("getAudienceGroups", "GET", "/v2/bot/audienceGroup/list", list),
  ];
}
