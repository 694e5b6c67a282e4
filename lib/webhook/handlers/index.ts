// One handler per event type; everything else is stored and skipped.
import type { EventHandler } from "./types";
import { handleFollow } from "./follow";
import { handleMessage } from "./message";
import { handlePostback } from "./postback";
import { handleUnfollow } from "./unfollow";
import { handleUnsend } from "./unsend";

export const EVENT_HANDLERS: Record<string, EventHandler> = {
  follow: handleFollow,
  unfollow: handleUnfollow,
  message: handleMessage,
  postback: handlePostback,
  unsend: handleUnsend,
};

export type { HandlerOutput, EventHandler } from "./types";
