// POST /api/line/webhook — events from the LINE Platform. lib/webhook/node-handler.ts reads the raw
// body and lib/webhook/intake.ts does the work (signature on the raw bytes, one INSERT, answer);
// handling happens in the worker. Outside proxy.ts's matcher (LINE reads no headers).
//
// In production (`npm run serve`, `npm start`) scripts/serve.ts answers this path in front of Next
// with the same handler, so this route serves it under `next dev` and plain `next start`. It is a
// Pages Router API route, not an App Router route handler, because it must work on Node's own
// request/response (the raw body; and the App Router's per-request cost capped it at ~40 % of a bare
// server, docs/benchmarks.md). It is the only file under pages/.
import type { NextApiRequest, NextApiResponse } from "next";
import { handleLineWebhook } from "@/lib/webhook/node-handler";
import { webhookStore } from "@/lib/webhook/intake-store";

// The signature is over the exact bytes LINE sent: Next must not parse the body.
export const config = { api: { bodyParser: false, responseLimit: false } };

export default function lineWebhook(request: NextApiRequest, response: NextApiResponse): Promise<void> {
  return handleLineWebhook(request, response, webhookStore());
}
