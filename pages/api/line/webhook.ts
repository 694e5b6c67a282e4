// POST /api/line/webhook — events from the LINE Platform. lib/webhook/node-handler.ts reads the raw
// body and lib/webhook/intake.ts does the work (signature on the raw bytes, one INSERT, answer);
// handling happens in the worker. Outside proxy.ts's matcher (LINE reads no headers).
//
// Why a Pages Router API route in an App Router app: this is the one hot path LINE calls, and it
// must answer within a few milliseconds under load. On the development machine Next 16's App Router
// route handler (Web Request/Response, async storage, …) capped the same handler at ~400
// requests/s on 2 cores, 39 % of a bare node:http server doing the same work; the Pages API route
// runs on Node's own request/response (docs/benchmarks.md, bench:webhook). Everything else is in app/.
import type { NextApiRequest, NextApiResponse } from "next";
import { handleLineWebhook } from "@/lib/webhook/node-handler";
import { webhookStore } from "@/lib/webhook/intake-store";

// The signature is over the exact bytes LINE sent: Next must not parse the body.
export const config = { api: { bodyParser: false, responseLimit: false } };

export default function lineWebhook(request: NextApiRequest, response: NextApiResponse): Promise<void> {
  return handleLineWebhook(request, response, webhookStore());
}
