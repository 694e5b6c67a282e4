// Images, videos, audio and files: the content is fetched from LINE (api-data) and stored with the
// message in the inbox. LINE keeps content only for a while, so it is fetched now, not on view.
import type { Readable } from "node:stream";
import type { DbTx } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import type { InboxMessageKind } from "@/generated/prisma/enums";
import { getMessagingApiBlobClient } from "@/lib/line/clients";
import { classifyLineError } from "@/lib/line/errors";
import type { StoredEvent } from "@/lib/webhook/context";
import type { ChatResident } from "@/lib/webhook/registry";
import { toInbox } from "./text";
import type { HandlerOutput } from "./types";

/** Larger content is recorded without its data (staff see the name and size). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
const CONTENT_TIMEOUT_MS = 15_000;

const KIND: Record<string, InboxMessageKind> = { image: "IMAGE", video: "VIDEO", audio: "AUDIO", file: "FILE" };
const DEFAULT_TYPE: Record<string, string> = { image: "image/jpeg", video: "video/mp4", audio: "audio/x-m4a", file: "application/octet-stream" };

export type FetchedContent = { data: Buffer | null; contentType: string; size: number; unavailableReason: string | null };

async function readLimited(stream: Readable, limit: number): Promise<{ data: Buffer | null; size: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      stream.destroy();
      return { data: null, size };
    }
    chunks.push(chunk as Buffer);
  }
  return { data: Buffer.concat(chunks), size };
}

export async function fetchMessageContent(messageId: string, fallbackType: string, declaredSize?: number): Promise<FetchedContent> {
  if (declaredSize !== undefined && declaredSize > ATTACHMENT_MAX_BYTES) {
    return { data: null, contentType: fallbackType, size: declaredSize, unavailableReason: "ファイルが大きすぎるため保存していません（10MBまで）。" };
  }
  try {
    const response = await Promise.race([
      getMessagingApiBlobClient().getMessageContentWithHttpInfo(messageId),
      new Promise<never>((_, reject) => setTimeout(() => reject(Object.assign(new Error("content download timed out"), { name: "TimeoutError" })), CONTENT_TIMEOUT_MS)),
    ]);
    const contentType = response.httpResponse.headers.get("content-type")?.split(";")[0]?.trim() || fallbackType;
    const { data, size } = await readLimited(response.body, ATTACHMENT_MAX_BYTES);
    if (!data) return { data: null, contentType, size, unavailableReason: "ファイルが大きすぎるため保存していません（10MBまで）。" };
    return { data, contentType, size, unavailableReason: null };
  } catch (error) {
    const outcome = classifyLineError(error);
    // 404/410: gone at LINE (unsent, expired). Anything else is worth a retry of the whole event.
    if (outcome.kind === "rejected") return { data: null, contentType: fallbackType, size: 0, unavailableReason: "LINE から内容を取得できませんでした（送信取り消し、または保存期間切れ）。" };
    throw error;
  }
}

export async function handleMedia(tx: DbTx, event: StoredEvent, now: Date, resident: ChatResident, message: Record<string, unknown>): Promise<HandlerOutput> {
  const type = String(message.type);
  const messageId = String(message.id ?? event.id);
  const provider = message.contentProvider as { type?: string; originalContentUrl?: string } | undefined;
  const fileName = type === "file" && typeof message.fileName === "string" ? message.fileName.slice(0, 255) : null;
  let content: FetchedContent;
  if (provider?.type === "external") {
    content = { data: null, contentType: DEFAULT_TYPE[type]!, size: 0, unavailableReason: `外部サービスの内容です：${provider.originalContentUrl ?? ""}` };
  } else {
    content = await fetchMessageContent(messageId, DEFAULT_TYPE[type]!, typeof message.fileSize === "number" ? message.fileSize : undefined);
  }
  const result = await toInbox(tx, resident, event, now, { id: messageId, kind: KIND[type]!, text: fileName, payload: message as Prisma.InputJsonValue });
  if (result.outcome === "inbox" && result.inboxMessageId) {
    await tx.inboxAttachment.create({
      data: {
        messageId: result.inboxMessageId,
        contentType: content.contentType,
        fileName,
        size: content.size,
        data: content.data ? new Uint8Array(content.data) : null,
        unavailableReason: content.unavailableReason,
      },
    });
  }
  return result;
}
