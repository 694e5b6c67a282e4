// Sending messages: reply, push, multicast, narrowcast (+ progress), broadcast, the validate
// endpoints, quota and delivery counts (messaging-api.yml; reference stored 2025-04-16).
import type { LineEmulator, NarrowcastJob } from "../emulator";
import { jstDateKey } from "../core/clock";
import { fail, ok, type Reply, type RequestContext } from "../core/http";
import { LINE_GROUP_ID_PATTERN, LINE_ROOM_ID_PATTERN, LINE_USER_ID_PATTERN } from "../core/ids";
import { FRIEND } from "../state/friends";
import {
  InvalidProperty,
  Issues,
  MAY_NOT_BE_EMPTY,
  isRecord,
  oneOf,
  optionalBoolean,
  sizeBetween,
} from "../validation/issues";
import { validateMessageArray } from "../validation/messages";
import { bodyObject, failOnIssues, invalidParameter, lineRoute, notFound, validationOptions, type RouteTable } from "./common";
import { checkAggregationUnits, checkNotificationDisabled, prepareMulticast, type PreparedMulticast } from "./multicast-prepare";

export { LINE_MULTICAST_MAX_RECIPIENTS } from "./multicast-prepare";
/** "You can use up to a combined total of 10 audiences and request IDs" (narrowcast recipient). */
export const LINE_NARROWCAST_MAX_AUDIENCES = 10;
/** "To use attribute data, your Target reach number must be 100 or more" (else 403). */
export const LINE_DEMOGRAPHIC_MIN_TARGET_REACH = 100;
/** "The final number of recipients must be 50 or more" when attributes are used. */
export const LINE_DEMOGRAPHIC_MIN_RECIPIENTS = 50;
/** Redelivery recipients: the narrowcast must be from "less than 14 days (336 hours)" ago. */
const REDELIVERY_WINDOW_MS = 336 * 60 * 60 * 1000;
/** Status codes table: 429 "You have reached your monthly limit." */
export const MONTHLY_LIMIT_REACHED = "You have reached your monthly limit.";
/** push: "A user ID that doesn't exist in this channel is specified" → 400 "Failed to send messages". */
export const FAILED_TO_SEND = "Failed to send messages";

const AGES = ["age_15", "age_20", "age_25", "age_30", "age_35", "age_40", "age_45", "age_50", "age_55", "age_60", "age_65", "age_70"];
const PERIODS = ["day_7", "day_30", "day_90", "day_180", "day_365"];
const AREAS = [
  ...Array.from({ length: 47 }, (_, i) => `jp_${String(i + 1).padStart(2, "0")}`),
  ...Array.from({ length: 22 }, (_, i) => `tw_${String(i + 1).padStart(2, "0")}`),
  ...Array.from({ length: 8 }, (_, i) => `th_${String(i + 1).padStart(2, "0")}`),
  ...Array.from({ length: 12 }, (_, i) => `id_${String(i + 1).padStart(2, "0")}`),
];

export function messagingRoutes(emulator: LineEmulator): RouteTable {
  const options = () => validationOptions(emulator);

  function reply(ctx: RequestContext): Reply {
    const body = bodyObject(ctx);
    const issues = new Issues();
    const token = body.replyToken;
    if (token === undefined || token === null || token === "") issues.add("replyToken", MAY_NOT_BE_EMPTY);
    else if (typeof token !== "string") throw new InvalidProperty("replyToken");
    const messages = validateMessageArray(issues, body, options());
    const notificationDisabled = checkNotificationDisabled(body);
    failOnIssues(issues);
    // Messages are checked before the token, so a malformed reply does not burn the token.
    const uid = emulator.useReplyToken(token as string);
    if (uid === undefined) fail(400, "Invalid reply token");
    const sentMessages = emulator.sentMessagesFor(messages);
    const delivered = emulator.isFriend(uid);
    emulator.recordSend({
      endpoint: "reply",
      requestId: ctx.requestId,
      retryKey: null,
      messages,
      notificationDisabled,
      uids: Int32Array.of(uid),
      undelivered: delivered ? null : Int32Array.of(0),
      sentMessages,
    });
    return ok({ sentMessages });
  }

  function push(ctx: RequestContext): Reply {
    const body = bodyObject(ctx);
    const issues = new Issues();
    const to = body.to;
    if (to === undefined || to === null || to === "") issues.add("to", MAY_NOT_BE_EMPTY);
    else if (typeof to !== "string") throw new InvalidProperty("to");
    const messages = validateMessageArray(issues, body, options());
    const notificationDisabled = checkNotificationDisabled(body);
    checkAggregationUnits(issues, body);
    failOnIssues(issues);
    const target = to as string;
    if (!LINE_USER_ID_PATTERN.test(target) && !LINE_GROUP_ID_PATTERN.test(target) && !LINE_ROOM_ID_PATTERN.test(target)) {
      throw new InvalidProperty("to");
    }
    const uid = emulator.friends.uidOf(target);
    // Users of this channel who are not friends (or blocked) get 200 and nothing; ids the channel has
    // never seen (another provider's ids, groups the bot is not in) get 400 (push message docs).
    if (uid === 0 || !emulator.friends.isKnownUser(uid)) fail(400, FAILED_TO_SEND);
    const delivered = emulator.friends.status(uid) === FRIEND;
    if (delivered && emulator.remainingQuota() < 1) fail(429, MONTHLY_LIMIT_REACHED);
    const sentMessages = emulator.sentMessagesFor(messages);
    emulator.recordSend({
      endpoint: "push",
      requestId: ctx.requestId,
      retryKey: ctx.retryKey,
      messages,
      notificationDisabled,
      uids: Int32Array.of(uid),
      undelivered: delivered ? null : Int32Array.of(0),
      sentMessages,
    });
    return { status: 200, json: { sentMessages }, acceptedRetryKey: emulator.acceptedRetryKey(ctx.requestId, "pushMessage", sentMessages) };
  }

  // Parsing, checking and resolving the recipients happen in prepareMulticast (possibly on the parser
  // thread); what needs state happens here, synchronously, after the retry key was checked.
  function prepareMulticastRequest(ctx: RequestContext): PreparedMulticast | Promise<PreparedMulticast> {
    return emulator.parser.prepare(ctx.body, options());
  }

  function multicast(ctx: RequestContext): Reply {
    let prepared = ctx.prepared as PreparedMulticast;
    // The friend table was rebuilt while the body was being parsed: resolve again against the new one.
    if (prepared.ok && prepared.tableVersion !== emulator.friends.table.version) prepared = prepareMulticast(ctx.body, emulator.friends.table, options());
    if (!prepared.ok) return prepared.reply;
    const { uids, notFriends } = prepared;
    // Ids the synthetic table does not know: hand-made residents, or ids never seen before.
    for (let i = 0; i < prepared.unknown.length; i++) {
      const uid = emulator.friends.internUid(prepared.unknownIds[i]!);
      uids[prepared.unknown[i]!] = uid;
      if (emulator.friends.status(uid) !== FRIEND) notFriends.push(prepared.unknown[i]!);
    }
    if (prepared.unknown.length > 0) notFriends.sort((a, b) => a - b);
    const deliverable = uids.length - notFriends.length;
    if (deliverable > emulator.remainingQuota()) fail(429, MONTHLY_LIMIT_REACHED);
    emulator.recordSend({
      endpoint: "multicast",
      requestId: ctx.requestId,
      retryKey: ctx.retryKey,
      messages: prepared.messages,
      notificationDisabled: prepared.notificationDisabled,
      uids: emulator.recipients.copy(uids),
      undelivered: notFriends.length > 0 ? emulator.recipients.copyPositions(notFriends) : null,
    });
    return { status: 200, json: {}, acceptedRetryKey: emulator.acceptedRetryKey(ctx.requestId, "multicast") };
  }

  function broadcast(ctx: RequestContext): Reply {
    const body = bodyObject(ctx);
    const issues = new Issues();
    const messages = validateMessageArray(issues, body, options());
    const notificationDisabled = checkNotificationDisabled(body);
    failOnIssues(issues);
    const uids = emulator.friends.friendUidArray();
    if (uids.length > emulator.remainingQuota()) fail(429, MONTHLY_LIMIT_REACHED);
    emulator.recordSend({ endpoint: "broadcast", requestId: ctx.requestId, retryKey: ctx.retryKey, messages, notificationDisabled, uids, undelivered: null });
    return { status: 200, json: {}, acceptedRetryKey: emulator.acceptedRetryKey(ctx.requestId, "broadcast") };
  }

  function narrowcast(ctx: RequestContext): Reply {
    const body = bodyObject(ctx);
    const issues = new Issues();
    const messages = validateMessageArray(issues, body, options());
    const notificationDisabled = checkNotificationDisabled(body);
    const recipient = body.recipient;
    const counter = { audiences: 0 };
    if (recipient !== undefined && recipient !== null) checkRecipient(emulator, issues, recipient, "recipient", counter);
    if (counter.audiences > LINE_NARROWCAST_MAX_AUDIENCES) issues.add("recipient", `You can use up to a combined total of ${LINE_NARROWCAST_MAX_AUDIENCES} audiences and request IDs`);
    let demographic: unknown;
    const filter = body.filter;
    if (filter !== undefined && filter !== null) {
      if (!isRecord(filter)) throw new InvalidProperty("filter");
      demographic = filter.demographic;
      if (demographic !== undefined && demographic !== null) checkDemographic(issues, demographic, "filter.demographic");
    }
    let max: number | undefined;
    let upToRemainingQuota = false;
    let forbidPartialDelivery = false;
    const limit = body.limit;
    if (limit !== undefined && limit !== null) {
      if (!isRecord(limit)) throw new InvalidProperty("limit");
      if (limit.max !== undefined && limit.max !== null) {
        if (typeof limit.max !== "number" || !Number.isInteger(limit.max)) throw new InvalidProperty("limit.max");
        if (limit.max < 1) issues.add("limit.max", "Must be greater than or equal to 1");
        max = limit.max;
      }
      upToRemainingQuota = optionalBoolean(limit, "upToRemainingQuota", "limit") ?? false;
      forbidPartialDelivery = optionalBoolean(limit, "forbidPartialDelivery", "limit") ?? false;
      // "This property can be set to true only if upToRemainingQuota is set to true."
      if (forbidPartialDelivery && !upToRemainingQuota) issues.add("limit.forbidPartialDelivery", "forbidPartialDelivery can be true only if upToRemainingQuota is true");
    }
    failOnIssues(issues);
    const usesAttributes = demographic !== undefined && demographic !== null;
    if (usesAttributes && emulator.friends.friendCount() < LINE_DEMOGRAPHIC_MIN_TARGET_REACH) fail(403, "Your account does not have enough friends");

    // "Users who blocked your LINE Official Account … will be excluded from recipients" (narrowcast
    // conditions): targets are friends at acceptance; whoever blocks before delivery counts as a failure.
    let targets = recipient ? toArray(evaluateRecipient(emulator, recipient as Record<string, unknown>)).filter((uid) => emulator.isFriend(uid)) : emulator.friends.friendUidArray();
    if (usesAttributes) targets = targets.filter((uid) => matchesDemographic(emulator, demographic as Record<string, unknown>, uid));
    let failure: NarrowcastJob["failure"];
    if (max !== undefined && targets.length > max) targets = sample(targets, max);
    const remaining = emulator.remainingQuota();
    if (targets.length > remaining) {
      if (forbidPartialDelivery) failure = { errorCode: 5, description: "canceled to avoid partial delivery" };
      else if (upToRemainingQuota) targets = sample(targets, remaining);
      else failure = { errorCode: 1, description: "not enough remaining messages this month" };
    }
    if (!failure && usesAttributes && targets.length < LINE_DEMOGRAPHIC_MIN_RECIPIENTS) failure = { errorCode: 2, description: "not enough recipients" };
    const job: NarrowcastJob = {
      requestId: ctx.requestId,
      acceptedAt: emulator.clock.now(),
      retryKey: ctx.retryKey,
      messages,
      notificationDisabled,
      targets,
      targetCount: targets.length,
      failure,
    };
    emulator.narrowcasts.set(job.requestId, job);
    const timer = setTimeout(() => settleNarrowcast(emulator, job), emulator.config.narrowcast.waitingMs + emulator.config.narrowcast.sendingMs);
    timer.unref();
    // 202 with an empty object; the request id in x-line-request-id identifies the job.
    return { status: 202, json: {}, acceptedRetryKey: emulator.acceptedRetryKey(ctx.requestId, "narrowcast") };
  }

  function progress(ctx: RequestContext): Reply {
    const requestId = ctx.query.get("requestId");
    if (!requestId) invalidParameter("requestId");
    const job = emulator.narrowcasts.get(requestId);
    if (!job) notFound();
    return ok(narrowcastProgress(emulator, job));
  }

  function validate(ctx: RequestContext): Reply {
    const body = bodyObject(ctx);
    const issues = new Issues();
    validateMessageArray(issues, body, options());
    failOnIssues(issues);
    return ok({});
  }

  function quota(): Reply {
    const setting = emulator.config.quota;
    return ok(setting.type === "none" ? { type: "none" } : { type: "limited", value: setting.value });
  }

  function consumption(): Reply {
    return ok({ totalUsage: emulator.quotaConsumption() });
  }

  function deliveryCount(endpoint: "reply" | "push" | "multicast" | "broadcast") {
    return (ctx: RequestContext): Reply => {
      const date = ctx.query.get("date");
      if (!date || !/^\d{8}$/.test(date)) invalidParameter("date");
      const today = jstDateKey(emulator.clock.now());
      // "unready: … this property is returned when the delivery date or a future date is specified";
      // "out_of_service: … earlier than … March 31, 2018".
      if (date >= today) return ok({ status: "unready" });
      if (date < "20180331") return ok({ status: "out_of_service" });
      return ok({ status: "ready", success: emulator.deliveryCounts.get(`${endpoint}:${date}`) ?? 0 });
    };
  }

  return [
    lineRoute("replyMessage", "POST", "/v2/bot/message/reply", reply),
    lineRoute("pushMessage", "POST", "/v2/bot/message/push", push, { retryKey: true }),
    { ...lineRoute("multicast", "POST", "/v2/bot/message/multicast", multicast, { retryKey: true }), prepare: prepareMulticastRequest },
    lineRoute("narrowcast", "POST", "/v2/bot/message/narrowcast", narrowcast, { retryKey: true }),
    lineRoute("broadcast", "POST", "/v2/bot/message/broadcast", broadcast, { retryKey: true }),
    lineRoute("getNarrowcastProgress", "GET", "/v2/bot/message/progress/narrowcast", progress),
    lineRoute("validateReply", "POST", "/v2/bot/message/validate/reply", validate),
    lineRoute("validatePush", "POST", "/v2/bot/message/validate/push", validate),
    lineRoute("validateMulticast", "POST", "/v2/bot/message/validate/multicast", validate),
    lineRoute("validateNarrowcast", "POST", "/v2/bot/message/validate/narrowcast", validate),
    lineRoute("validateBroadcast", "POST", "/v2/bot/message/validate/broadcast", validate),
    lineRoute("getMessageQuota", "GET", "/v2/bot/message/quota", quota),
    lineRoute("getMessageQuotaConsumption", "GET", "/v2/bot/message/quota/consumption", consumption),
    lineRoute("getNumberOfSentReplyMessages", "GET", "/v2/bot/message/delivery/reply", deliveryCount("reply")),
    lineRoute("getNumberOfSentPushMessages", "GET", "/v2/bot/message/delivery/push", deliveryCount("push")),
    lineRoute("getNumberOfSentMulticastMessages", "GET", "/v2/bot/message/delivery/multicast", deliveryCount("multicast")),
    lineRoute("getNumberOfSentBroadcastMessages", "GET", "/v2/bot/message/delivery/broadcast", deliveryCount("broadcast")),
  ];
}

// ── narrowcast lifecycle: waiting → sending → succeeded | failed

export function narrowcastProgress(emulator: LineEmulator, job: NarrowcastJob): Record<string, unknown> {
  const elapsed = emulator.clock.now() - job.acceptedAt;
  const { waitingMs, sendingMs } = emulator.config.narrowcast;
  if (!job.settled && elapsed >= waitingMs + sendingMs) settleNarrowcast(emulator, job);
  const accepted = { acceptedTime: new Date(job.acceptedAt).toISOString() };
  if (job.settled) {
    const result: Record<string, unknown> = {
      phase: job.settled.phase,
      successCount: job.settled.successCount,
      failureCount: job.settled.failureCount,
      targetCount: job.targetCount,
      ...accepted,
      completedTime: new Date(job.settled.completedAt).toISOString(),
    };
    if (job.failure) {
      result.failedDescription = job.failure.description;
      result.errorCode = job.failure.errorCode;
    }
    return result;
  }
  // Counts are "not available when the phase property is waiting".
  if (elapsed < waitingMs) return { phase: "waiting", ...accepted };
  return { phase: "sending", successCount: 0, failureCount: 0, targetCount: job.targetCount, ...accepted };
}

export function settleNarrowcast(emulator: LineEmulator, job: NarrowcastJob): void {
  if (job.settled) return;
  const completedAt = Math.max(emulator.clock.now(), job.acceptedAt);
  if (job.failure) {
    job.settled = { phase: "failed", completedAt, successCount: 0, failureCount: 0 };
    return;
  }
  // Delivery happens now: whoever blocked the account since acceptance does not receive it.
  const undelivered: number[] = [];
  for (let i = 0; i < job.targets.length; i++) if (!emulator.isFriend(job.targets[i]!)) undelivered.push(i);
  emulator.recordSend({
    endpoint: "narrowcast",
    requestId: job.requestId,
    retryKey: job.retryKey,
    messages: job.messages,
    notificationDisabled: job.notificationDisabled,
    uids: job.targets,
    undelivered: undelivered.length > 0 ? Int32Array.from(undelivered) : null,
    acceptedAt: completedAt,
  });
  job.settled = { phase: "succeeded", completedAt, successCount: job.targets.length - undelivered.length, failureCount: undelivered.length };
}

// ── recipients and demographic filters

function checkRecipient(emulator: LineEmulator, issues: Issues, value: unknown, path: string, counter: { audiences: number }): void {
  if (!isRecord(value)) throw new InvalidProperty(path);
  const type = value.type;
  if (type === "audience") {
    counter.audiences++;
    const id = value.audienceGroupId;
    if (id === undefined || id === null) {
      issues.add(`${path}.audienceGroupId`, MAY_NOT_BE_EMPTY);
      return;
    }
    if (typeof id !== "number" || !Number.isInteger(id)) throw new InvalidProperty(`${path}.audienceGroupId`);
    const audience = emulator.audiences.get(id);
    // "An invalid audience is specified, such as a status other than READY" → 400.
    if (!audience || audience.readyAt > emulator.clock.now()) fail(400, `Invalid audience group id: ${id}`);
    return;
  }
  if (type === "redelivery") {
    counter.audiences++;
    const requestId = value.requestId;
    if (typeof requestId !== "string" || requestId === "") {
      issues.add(`${path}.requestId`, MAY_NOT_BE_EMPTY);
      return;
    }
    const job = emulator.narrowcasts.get(requestId);
    if (job && !job.settled) narrowcastProgress(emulator, job);
    if (!job || job.settled?.phase !== "succeeded" || emulator.clock.now() - job.acceptedAt >= REDELIVERY_WINDOW_MS) fail(400, `Invalid request id: ${requestId}`);
    return;
  }
  if (type === "operator") {
    const keys = ["and", "or", "not"].filter((key) => value[key] !== undefined && value[key] !== null);
    // "Be sure to specify only one of these three properties … You cannot specify an empty array."
    if (keys.length !== 1) {
      issues.add(path, "Specify exactly one of and, or, not");
      return;
    }
    const key = keys[0]!;
    if (key === "not") {
      checkRecipient(emulator, issues, value.not, `${path}.not`, counter);
      return;
    }
    const list = value[key];
    if (!Array.isArray(list)) throw new InvalidProperty(`${path}.${key}`);
    if (list.length === 0) issues.add(`${path}.${key}`, sizeBetween(1, LINE_NARROWCAST_MAX_AUDIENCES));
    list.forEach((item, i) => checkRecipient(emulator, issues, item, `${path}.${key}[${i}]`, counter));
    return;
  }
  if (type === undefined || type === null || type === "") issues.add(`${path}.type`, MAY_NOT_BE_EMPTY);
  else issues.add(`${path}.type`, oneOf(["audience", "redelivery", "operator"]));
}

function evaluateRecipient(emulator: LineEmulator, node: Record<string, unknown>): Set<number> {
  switch (node.type) {
    case "audience":
      return new Set(emulator.audiences.get(node.audienceGroupId as number)!.uids);
    case "redelivery": {
      const record = emulator.log.byRequest(node.requestId as string);
      return new Set(record ? record.recipients : []);
    }
    default: {
      if (node.not) {
        const excluded = evaluateRecipient(emulator, node.not as Record<string, unknown>);
        return new Set(Array.from(emulator.friends.friendUidArray()).filter((uid) => !excluded.has(uid)));
      }
      const parts = ((node.and ?? node.or) as Record<string, unknown>[]).map((child) => evaluateRecipient(emulator, child));
      if (node.and) return parts.reduce((acc, set) => new Set([...acc].filter((uid) => set.has(uid))));
      return parts.reduce((acc, set) => new Set([...acc, ...set]), new Set<number>());
    }
  }
}

function toArray(set: Set<number>): Int32Array {
  return Int32Array.from(set);
}

/** "The recipients will be chosen at random." */
function sample(uids: Int32Array, count: number): Int32Array {
  const copy = Int32Array.from(uids);
  for (let i = 0; i < count && i < copy.length; i++) {
    const j = i + Math.floor(Math.random() * (copy.length - i));
    const tmp = copy[i]!;
    copy[i] = copy[j]!;
    copy[j] = tmp;
  }
  return copy.subarray(0, Math.max(0, count));
}

function checkDemographic(issues: Issues, value: unknown, path: string): void {
  if (!isRecord(value)) throw new InvalidProperty(path);
  const type = value.type;
  const checkOneOf = (values: string[]) => {
    const list = value.oneOf;
    if (list === undefined || list === null) {
      issues.add(`${path}.oneOf`, MAY_NOT_BE_EMPTY);
      return;
    }
    if (!Array.isArray(list)) throw new InvalidProperty(`${path}.oneOf`);
    if (list.length === 0) issues.add(`${path}.oneOf`, MAY_NOT_BE_EMPTY);
    list.forEach((item, i) => {
      if (typeof item !== "string" || !values.includes(item)) issues.add(`${path}.oneOf[${i}]`, oneOf(values.length > 20 ? [...values.slice(0, 3), "…"] : values));
    });
  };
  const checkRange = (values: string[]) => {
    const gte = value.gte;
    const lt = value.lt;
    // "Be sure to specify either gte, lt, or both."
    if ((gte === undefined || gte === null) && (lt === undefined || lt === null)) issues.add(path, "Specify gte, lt or both");
    if (gte !== undefined && gte !== null && (typeof gte !== "string" || !values.includes(gte))) issues.add(`${path}.gte`, oneOf(values));
    if (lt !== undefined && lt !== null && (typeof lt !== "string" || !values.includes(lt))) issues.add(`${path}.lt`, oneOf(values));
    if (typeof gte === "string" && typeof lt === "string" && values.indexOf(gte) >= values.indexOf(lt)) issues.add(`${path}.gte`, "gte must be smaller than lt");
  };
  switch (type) {
    case "gender":
      checkOneOf(["male", "female"]);
      break;
    case "appType":
      checkOneOf(["ios", "android"]);
      break;
    case "area":
      checkOneOf(AREAS);
      break;
    case "age":
      checkRange(AGES);
      break;
    case "subscriptionPeriod":
      checkRange(PERIODS);
      break;
    case "operator": {
      const keys = ["and", "or", "not"].filter((key) => value[key] !== undefined && value[key] !== null);
      if (keys.length !== 1) {
        issues.add(path, "Specify exactly one of and, or, not");
        return;
      }
      const key = keys[0]!;
      if (key === "not") checkDemographic(issues, value.not, `${path}.not`);
      else {
        const list = value[key];
        if (!Array.isArray(list)) throw new InvalidProperty(`${path}.${key}`);
        if (list.length === 0) issues.add(`${path}.${key}`, MAY_NOT_BE_EMPTY);
        list.forEach((item, i) => checkDemographic(issues, item, `${path}.${key}[${i}]`));
      }
      break;
    }
    default:
      if (type === undefined || type === null || type === "") issues.add(`${path}.type`, MAY_NOT_BE_EMPTY);
      else issues.add(`${path}.type`, oneOf(["age", "appType", "area", "gender", "operator", "subscriptionPeriod"]));
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

function matchesDemographic(emulator: LineEmulator, filter: Record<string, unknown>, uid: number): boolean {
  const attributes = emulator.friends.demographics(uid);
  switch (filter.type) {
    case "gender":
      return attributes.gender !== undefined && (filter.oneOf as string[]).includes(attributes.gender);
    case "appType":
      return (filter.oneOf as string[]).includes(attributes.appType);
    case "area":
      return attributes.area !== undefined && (filter.oneOf as string[]).includes(attributes.area);
    case "age": {
      if (attributes.age === undefined) return false;
      const gte = typeof filter.gte === "string" ? Number(filter.gte.slice(4)) : -Infinity;
      const lt = typeof filter.lt === "string" ? Number(filter.lt.slice(4)) : Infinity;
      return attributes.age >= gte && attributes.age < lt;
    }
    case "subscriptionPeriod": {
      const followedAt = emulator.friends.followedAt(uid);
      if (followedAt === undefined) return false;
      const days = (emulator.clock.now() - followedAt) / DAY_MS;
      const gte = typeof filter.gte === "string" ? Number(filter.gte.slice(4)) : -Infinity;
      const lt = typeof filter.lt === "string" ? Number(filter.lt.slice(4)) : Infinity;
      return days >= gte && days < lt;
    }
    case "operator": {
      if (filter.not) return !matchesDemographic(emulator, filter.not as Record<string, unknown>, uid);
      if (filter.and) return (filter.and as Record<string, unknown>[]).every((child) => matchesDemographic(emulator, child, uid));
      return (filter.or as Record<string, unknown>[]).some((child) => matchesDemographic(emulator, child, uid));
    }
    default:
      return false;
  }
}
