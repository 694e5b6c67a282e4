// The multicast parser thread (core/parse-offload.ts): parses and checks multicast bodies and
// resolves their recipients against the friend table, which lives in shared memory.
import { parentPort } from "node:worker_threads";
import { prepareMulticast, type PreparedMulticast } from "../api/multicast-prepare";
import { EMPTY_FRIEND_TABLE, type FriendTable } from "../state/friend-table";
import type { ValidationOptions } from "../validation/actions";

type Incoming = { type: "table"; table: FriendTable } | { type: "prepare"; id: number; body: Uint8Array; options: ValidationOptions };

let table: FriendTable = EMPTY_FRIEND_TABLE;

parentPort!.on("message", (message: Incoming) => {
  if (message.type === "table") {
    table = message.table;
    return;
  }
  let result: PreparedMulticast;
  try {
    result = prepareMulticast(message.body, table, message.options);
  } catch (error) {
    // An unexpected failure answers this request with 500 and keeps the thread alive.
    console.error("[line-emulator] multicast parser:", error);
    result = { ok: false, reply: { status: 500, json: { message: "Internal server error" } } };
  }
  parentPort!.postMessage({ id: message.id, result }, result.ok ? [result.uids.buffer as ArrayBuffer] : []);
});

parentPort!.postMessage({ ready: true });
