// The emulated LINE Platform for one channel: its state (friends, sent messages, rich menus,
// audiences, tokens, webhook results) and the services the endpoints share. Everything lives in
// memory and can be saved to and loaded from a JSON file.
import { EventEmitter } from "node:events";
import { randomBytes } from "node:crypto";
import type { EmulatorConfig } from "./config";
import { Clock, jstDateKey, jstMonthKey } from "./core/clock";
import { FaultInjector } from "./core/faults";
import { MessageIdSequence, newOpaqueToken, newReplyToken } from "./core/ids";
import { RateLimiter } from "./core/rate-limiter";
import { RetryKeyStore, type AcceptedRetryKey } from "./core/retry-keys";
import { LoginService, type LoginSnapshot } from "./login/login-service";
import { MulticastParser } from "./core/parse-offload";
import { FRIEND, FriendStore, type FriendStoreSnapshot } from "./state/friends";
import { MessageLog, RecipientArena, type MessageLogSnapshot, type MessageRecord, type SendEndpoint, type SentMessage } from "./state/message-log";
import type { RichMenuObject } from "./validation/rich-menu";
import { WebhookSender, type DeliveryResult, type WebhookEvent } from "./webhook/sender";

export type StoredRichMenu = { richMenuId: string; menu: RichMenuObject; image?: { contentType: string; data: Buffer }; createdAt: number };

export type AudienceJob = {
  audienceGroupJobId: number;
  audienceGroupId: number;
  description: string;
  type: "DIFF_ADD";
  created: number;
  readyAt: number;
  audienceCount: number;
};

export type Audience = {
  audienceGroupId: number;
  description: string;
  created: number;
  readyAt: number;
  isIfaAudience: boolean;
  /** Upload audiences expire 180 days after creation (expireTimestamp in the reference examples). */
  expireTimestamp: number;
  uids: Set<number>;
  /** IFA audiences hold advertising ids, which never match a LINE user; only their number is kept. */
  ifaCount: number;
  jobs: AudienceJob[];
};

export type NarrowcastJob = {
  requestId: string;
  acceptedAt: number;
  retryKey: string | null;
  messages: unknown[];
  notificationDisabled: boolean;
  /** Recipients chosen at acceptance (LINE filters on attribute data that is ~3 days old anyway). */
  targets: Int32Array;
  targetCount: number;
  /** Known at acceptance; reported once the job reaches its final phase. */
  failure?: { errorCode: number; description: string };
  settled?: { phase: "succeeded" | "failed"; completedAt: number; successCount: number; failureCount: number };
};

export type InboundItem = {
  seq: number;
  at: number;
  uid: number;
  /** What the resident did, in the shape the phone view renders. */
  kind: "message" | "postback" | "follow" | "unfollow" | "unsend";
  message?: Record<string, unknown>;
  postback?: { data: string; params?: Record<string, string>; displayText?: string };
  webhookEventId?: string;
  delivery?: { statusCode: number; reason: string };
};

export type StoredContent = { contentType: string; data: Buffer; kind: "image" | "video" | "audio" | "file"; uid: number; gone: boolean; previewable: boolean };

export type ChangeEvent =
  | { kind: "record"; seq: number; endpoint: SendEndpoint; recipients: Int32Array }
  | { kind: "inbound"; uid: number; seq: number }
  | { kind: "delivery"; result: DeliveryResult }
  | { kind: "friend"; uid: number }
  | { kind: "richmenu"; uid?: number }
  | { kind: "loading"; uid: number; until: number }
  | { kind: "read"; uid: number };

/** Channel access tokens issued through the token endpoints (short-lived, v2.1 and stateless). */
export type IssuedChannelToken = { kind: "short-lived" | "v2.1" | "stateless"; expiresAt: number; keyId?: string };

export class LineEmulator {
  readonly faults: FaultInjector;
  readonly rateLimiter: RateLimiter;
  readonly retryKeys: RetryKeyStore;
  readonly changes = new EventEmitter();
  readonly webhook: WebhookSender;
  /** Parses multicast bodies, on a second thread when config.parseThread is on. */
  readonly parser: MulticastParser;

  friends: FriendStore;
  log = new MessageLog();
  /** Shared storage for the recipients of recorded sends (message-log.ts). */
  readonly recipients = new RecipientArena();
  messageIds = new MessageIdSequence();

  replyTokens = new Map<string, { uid: number; expiresAt: number; used: boolean }>();
  markAsReadTokens = new Map<string, { uid: number; messageId: string }>();
  readUpTo = new Map<number, string>();
  loadingUntil = new Map<number, number>();
  richMenus = new Map<string, StoredRichMenu>();
  richMenuAliases = new Map<string, string>();
  defaultRichMenuId: string | null = null;
  userRichMenus = new Map<number, string>();
  richMenuBatches = new Map<string, { acceptedAt: number; completedAt: number; failed: boolean }>();
  audiences = new Map<number, Audience>();
  nextAudienceGroupId = 5_614_991_017_776;
  nextAudienceJobId = 12_345_678;
  narrowcasts = new Map<string, NarrowcastJob>();
  contents = new Map<string, StoredContent>();
  inbound: InboundItem[] = [];
  issuedChannelTokens = new Map<string, IssuedChannelToken>();
  /** Monthly consumption (JST month → messages) and daily counts per endpoint (JST day). */
  quotaUsage = new Map<string, number>();
  deliveryCounts = new Map<string, number>();

  private constructor(
    readonly config: EmulatorConfig,
    readonly login: LoginService,
    readonly clock: Clock,
  ) {
    this.changes.setMaxListeners(0);
    this.friends = new FriendStore(() => this.clock.now());
    this.faults = new FaultInjector(this.clock);
    this.rateLimiter = new RateLimiter(this.clock, config);
    this.retryKeys = new RetryKeyStore(this.clock, () => this.config.retryKeyTtlMs);
    this.webhook = new WebhookSender({
      settings: () => this.config.webhook,
      channelSecret: () => this.config.channel.channelSecret,
      botUserId: () => this.config.channel.botUserId,
      now: () => this.clock.now(),
      onResult: (result) => this.onDeliveryResult(result),
    });
    this.log.onRecord((record) => this.onRecord(record));
    this.parser = new MulticastParser(() => this.friends.table, config.parseThread);
  }

  static async create(config: EmulatorConfig, snapshot?: EmulatorSnapshot): Promise<LineEmulator> {
    // One clock for everything, the login service included, so tests can expire tokens by advancing it.
    const clock = new Clock();
    const login = await LoginService.create(() => clock.now(), snapshot?.login);
    const emulator = new LineEmulator(config, login, clock);
    if (snapshot) emulator.restore(snapshot);
    else emulator.friends.loadSynthetic(config.syntheticFriends);
    return emulator;
  }

  close(): void {
    this.parser.close();
    this.recipients.close();
    this.webhook.close();
    this.changes.removeAllListeners();
  }

  // ── tokens and auth

  isChannelToken(token: string): boolean {
    if (token === this.config.channel.channelAccessToken) return true;
    const issued = this.issuedChannelTokens.get(token);
    return issued !== undefined && issued.expiresAt > this.clock.now();
  }

  isUserToken(token: string): boolean {
    const entry = this.login.findAccessToken(token);
    return entry !== undefined && entry.expiresAt > this.clock.now();
  }

  issueReplyToken(uid: number): string {
    const token = newReplyToken();
    this.replyTokens.set(token, { uid, expiresAt: this.clock.now() + this.config.replyTokenTtlMs, used: false });
    if (this.replyTokens.size > 100_000) {
      const now = this.clock.now();
      for (const [key, entry] of this.replyTokens) if (entry.expiresAt < now || entry.used) this.replyTokens.delete(key);
    }
    return token;
  }

  /** Single use, expiring (FACTS.md §2): the uid it was issued for, or undefined. */
  useReplyToken(token: string): number | undefined {
    const entry = this.replyTokens.get(token);
    if (!entry || entry.used || entry.expiresAt <= this.clock.now()) return undefined;
    entry.used = true;
    return entry.uid;
  }

  // ── quota (messaging-api: GET /v2/bot/message/quota, /quota/consumption)

  quotaConsumption(): number {
    return this.quotaUsage.get(jstMonthKey(this.clock.now())) ?? 0;
  }

  remainingQuota(): number {
    const quota = this.config.quota;
    return quota.type === "none" ? Number.POSITIVE_INFINITY : Math.max(0, quota.value - this.quotaConsumption());
  }

  // ── sending

  /**
   * Records an accepted send and its deliveries. `undelivered` lists positions in `uids` that were
   * accepted but not delivered (blocked or not a friend). Reply messages do not count toward the
   * monthly quota (LINE charges push, multicast, narrowcast and broadcast).
   */
  recordSend(input: {
    endpoint: SendEndpoint;
    requestId: string;
    retryKey: string | null;
    messages: unknown[];
    notificationDisabled: boolean;
    uids: Int32Array;
    undelivered: Int32Array | null;
    sentMessages?: SentMessage[];
    acceptedAt?: number;
  }): MessageRecord {
    const acceptedAt = input.acceptedAt ?? this.clock.now();
    const record = this.log.add({
      requestId: input.requestId,
      endpoint: input.endpoint,
      acceptedAt,
      retryKey: input.retryKey,
      messages: input.messages,
      notificationDisabled: input.notificationDisabled,
      recipients: input.uids,
      undelivered: input.undelivered && input.undelivered.length > 0 ? input.undelivered : null,
      sentMessages: input.sentMessages,
    });
    const delivered = input.uids.length - (input.undelivered?.length ?? 0);
    if (input.endpoint !== "reply") {
      const month = jstMonthKey(acceptedAt);
      this.quotaUsage.set(month, (this.quotaUsage.get(month) ?? 0) + delivered);
    }
    // "Get number of sent … messages" counts messages: recipients × message objects.
    const dayKey = `${input.endpoint}:${jstDateKey(acceptedAt)}`;
    this.deliveryCounts.set(dayKey, (this.deliveryCounts.get(dayKey) ?? 0) + delivered * input.messages.length);
    return record;
  }

  /** Message ids (and quote tokens for quotable types) for push and reply responses. */
  sentMessagesFor(messages: unknown[]): SentMessage[] {
    const first = this.messageIds.take(messages.length);
    return messages.map((message, i) => {
      const id = MessageIdSequence.nth(first, i);
      const type = (message as { type?: string }).type;
      // get-quote-tokens: text, textV2, sticker, image, video, template and flex messages can be quoted.
      const quotable = ["text", "textV2", "sticker", "image", "video", "template", "flex"].includes(type ?? "");
      return quotable ? { id, quoteToken: newOpaqueToken(48) } : { id };
    });
  }

  acceptedRetryKey(requestId: string, endpointId: string, sentMessages?: SentMessage[]): AcceptedRetryKey {
    return { requestId, endpointId, acceptedAt: this.clock.now(), sentMessages };
  }

  // ── rich menus

  newRichMenuId(): string {
    return `richmenu-${randomBytes(16).toString("hex")}`;
  }

  /** The rich menu a user sees: the per-user link wins over the default (use-per-user-rich-menus). */
  effectiveRichMenu(uid: number): StoredRichMenu | undefined {
    const linked = this.userRichMenus.get(uid);
    const id = linked ?? this.defaultRichMenuId;
    return id ? this.richMenus.get(id) : undefined;
  }

  // ── inbound (resident → bot)

  addInbound(item: Omit<InboundItem, "seq">): InboundItem {
    const full = { ...item, seq: this.inbound.length + 1 };
    this.inbound.push(full);
    this.changes.emit("change", { kind: "inbound", uid: item.uid, seq: full.seq } satisfies ChangeEvent);
    return full;
  }

  /** Delivers webhook events and remembers the outcome on the inbound items they came from. */
  async deliverEvents(events: WebhookEvent[], items: InboundItem[] = []): Promise<DeliveryResult> {
    const result = await this.webhook.sendEvents(events);
    for (const item of items) {
      item.delivery = { statusCode: result.statusCode, reason: result.reason };
      this.changes.emit("change", { kind: "inbound", uid: item.uid, seq: item.seq } satisfies ChangeEvent);
    }
    return result;
  }

  private onRecord(record: MessageRecord): void {
    // Only the phone view listens; the benchmark path pays nothing when no page is open.
    if (this.changes.listenerCount("change") === 0) return;
    this.changes.emit("change", { kind: "record", seq: record.seq, endpoint: record.endpoint, recipients: record.recipients } satisfies ChangeEvent);
  }

  private onDeliveryResult(result: DeliveryResult): void {
    this.changes.emit("change", { kind: "delivery", result } satisfies ChangeEvent);
    this.changes.emit("delivery", result);
  }

  // ── persistence

  snapshot(): EmulatorSnapshot {
    return {
      version: 1,
      savedAt: new Date().toISOString(),
      clockOffsetMs: this.clock.offset,
      config: { ...this.config },
      friends: this.friends.toJSON(),
      log: this.log.toJSON(),
      messageIdNext: this.messageIds.value,
      retryKeys: this.retryKeys.entries(),
      replyTokens: [...this.replyTokens],
      markAsReadTokens: [...this.markAsReadTokens],
      richMenus: [...this.richMenus.values()].map((m) => ({ ...m, image: m.image ? { contentType: m.image.contentType, data: m.image.data.toString("base64") } : undefined })),
      richMenuAliases: [...this.richMenuAliases],
      defaultRichMenuId: this.defaultRichMenuId,
      userRichMenus: [...this.userRichMenus],
      audiences: [...this.audiences.values()].map((a) => ({ ...a, uids: [...a.uids] })),
      nextAudienceGroupId: this.nextAudienceGroupId,
      narrowcasts: [...this.narrowcasts.values()].map((n) => ({ ...n, targets: Array.from(n.targets) })),
      contents: [...this.contents].map(([id, c]) => [id, { ...c, data: c.data.toString("base64") }]),
      inbound: this.inbound,
      issuedChannelTokens: [...this.issuedChannelTokens],
      quotaUsage: [...this.quotaUsage],
      deliveryCounts: [...this.deliveryCounts],
      login: this.login.toJSON(),
    };
  }

  private restore(snapshot: EmulatorSnapshot): void {
    this.clock.advance(snapshot.clockOffsetMs);
    this.friends = FriendStore.fromJSON(snapshot.friends, () => this.clock.now());
    this.log = MessageLog.fromJSON(snapshot.log);
    this.log.onRecord((record) => this.onRecord(record));
    this.messageIds = new MessageIdSequence(snapshot.messageIdNext);
    this.retryKeys.load(snapshot.retryKeys);
    this.replyTokens = new Map(snapshot.replyTokens);
    this.markAsReadTokens = new Map(snapshot.markAsReadTokens);
    this.richMenus = new Map(
      snapshot.richMenus.map((m) => [m.richMenuId, { ...m, image: m.image ? { contentType: m.image.contentType, data: Buffer.from(m.image.data, "base64") } : undefined }]),
    );
    this.richMenuAliases = new Map(snapshot.richMenuAliases);
    this.defaultRichMenuId = snapshot.defaultRichMenuId;
    this.userRichMenus = new Map(snapshot.userRichMenus);
    this.audiences = new Map(snapshot.audiences.map((a) => [a.audienceGroupId, { ...a, uids: new Set(a.uids) }]));
    this.nextAudienceGroupId = snapshot.nextAudienceGroupId;
    this.narrowcasts = new Map(snapshot.narrowcasts.map((n) => [n.requestId, { ...n, targets: Int32Array.from(n.targets) }]));
    this.contents = new Map(snapshot.contents.map(([id, c]) => [id, { ...c, data: Buffer.from(c.data, "base64") }]));
    this.inbound = snapshot.inbound;
    this.issuedChannelTokens = new Map(snapshot.issuedChannelTokens);
    this.quotaUsage = new Map(snapshot.quotaUsage);
    this.deliveryCounts = new Map(snapshot.deliveryCounts);
  }

  /** Forgets everything that happened; keeps configuration, keys and the synthetic friends. */
  reset(): void {
    const synthetic = this.friends.syntheticCount;
    this.friends = new FriendStore(() => this.clock.now());
    this.friends.loadSynthetic(synthetic);
    this.log.clear();
    this.retryKeys.clear();
    this.rateLimiter.reset();
    this.faults.clear();
    this.replyTokens.clear();
    this.markAsReadTokens.clear();
    this.readUpTo.clear();
    this.loadingUntil.clear();
    this.richMenus.clear();
    this.richMenuAliases.clear();
    this.defaultRichMenuId = null;
    this.userRichMenus.clear();
    this.richMenuBatches.clear();
    this.audiences.clear();
    this.narrowcasts.clear();
    this.contents.clear();
    this.inbound = [];
    this.quotaUsage.clear();
    this.deliveryCounts.clear();
    this.webhook.clear();
    this.clock.reset();
  }

  friendStatus(uid: number): number {
    return this.friends.status(uid);
  }

  isFriend(uid: number): boolean {
    return this.friends.status(uid) === FRIEND;
  }
}

export type EmulatorSnapshot = {
  version: 1;
  savedAt: string;
  clockOffsetMs: number;
  config: EmulatorConfig;
  friends: FriendStoreSnapshot;
  log: MessageLogSnapshot;
  messageIdNext: number;
  retryKeys: [string, AcceptedRetryKey][];
  replyTokens: [string, { uid: number; expiresAt: number; used: boolean }][];
  markAsReadTokens: [string, { uid: number; messageId: string }][];
  richMenus: (Omit<StoredRichMenu, "image"> & { image?: { contentType: string; data: string } })[];
  richMenuAliases: [string, string][];
  defaultRichMenuId: string | null;
  userRichMenus: [number, string][];
  audiences: (Omit<Audience, "uids"> & { uids: number[] })[];
  nextAudienceGroupId: number;
  narrowcasts: (Omit<NarrowcastJob, "targets"> & { targets: number[] })[];
  contents: [string, Omit<StoredContent, "data"> & { data: string }][];
  inbound: InboundItem[];
  issuedChannelTokens: [string, IssuedChannelToken][];
  quotaUsage: [string, number][];
  deliveryCounts: [string, number][];
  login: LoginSnapshot;
};
