// Multicast parsing on a second thread. A multicast of 500 recipients spends most of its time in
// JSON.parse and in resolving the 500 ids against the friend table (cache misses, with a million
// friends). The main thread — which owns every piece of state and so keeps retry keys, the record
// and the answer strictly ordered — hands the body to this thread and does only the rest; on a
// 2-core machine that is what lets the emulator stay ahead of LINE's 2,000 requests/s.
//
// The thread runs TypeScript through tsx's register API. If it cannot start (or dies), parsing
// falls back to the main thread with the same function, so behaviour never depends on it.
import { Worker } from "node:worker_threads";
import { prepareMulticast, type PreparedMulticast } from "../api/multicast-prepare";
import type { FriendTable } from "../state/friend-table";
import type { ValidationOptions } from "../validation/actions";

const BOOT = `
const { workerData } = require("node:worker_threads");
import("tsx/esm/api")
  .then((api) => { api.register(); return import(workerData.url); })
  .catch((error) => { setImmediate(() => { throw error; }); });
`;

type Pending = { body: Uint8Array; options: ValidationOptions; resolve: (result: PreparedMulticast) => void };

export class MulticastParser {
  private worker: Worker | undefined;
  private ready = false;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private sentTableVersion = -1;

  constructor(
    private table: () => FriendTable,
    enabled: boolean,
  ) {
    if (enabled) this.start();
  }

  get threaded(): boolean {
    return this.ready;
  }

  private start(): void {
    try {
      const worker = new Worker(BOOT, { eval: true, workerData: { url: new URL("../workers/parse-worker.ts", import.meta.url).href } });
      worker.unref();
      worker.on("message", (message: { ready?: boolean; id?: number; result?: PreparedMulticast }) => {
        if (message.ready) {
          this.ready = true;
          return;
        }
        const entry = this.pending.get(message.id!);
        if (!entry) return;
        this.pending.delete(message.id!);
        entry.resolve(message.result!);
      });
      const fail = () => {
        this.ready = false;
        this.worker = undefined;
        // Whatever was in flight is parsed here instead.
        for (const [id, entry] of this.pending) {
          this.pending.delete(id);
          try {
            entry.resolve(prepareMulticast(entry.body, this.table(), entry.options));
          } catch {
            entry.resolve({ ok: false, reply: { status: 500, json: { message: "Internal server error" } } });
          }
        }
      };
      worker.on("error", fail);
      worker.on("exit", fail);
      this.worker = worker;
    } catch {
      this.worker = undefined;
    }
  }

  /** Parses and checks a multicast body: on the parser thread when it runs, else right here. */
  prepare(body: Buffer, options: ValidationOptions): PreparedMulticast | Promise<PreparedMulticast> {
    const table = this.table();
    if (!this.worker || !this.ready) return prepareMulticast(body, table, options);
    if (table.version !== this.sentTableVersion) {
      this.worker.postMessage({ type: "table", table });
      this.sentTableVersion = table.version;
    }
    // A copy, moved to the thread: the request's bytes may share memory with other requests read
    // in the same chunk. The original stays here in case the thread dies and it must be parsed again.
    const copy = new Uint8Array(body.length);
    copy.set(body);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { body, options, resolve });
      this.worker!.postMessage({ type: "prepare", id, body: copy, options }, [copy.buffer]);
    });
  }

  close(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    if (worker) {
      worker.removeAllListeners("exit");
      void worker.terminate();
    }
  }
}
