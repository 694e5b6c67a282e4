// Webhook settings (get/set/test endpoint) and content that residents sent (api-data.line.me).
import type { LineEmulator } from "../emulator";
import { fail, ok, type Reply, type RequestContext } from "../core/http";
import { InvalidProperty } from "../validation/issues";
import type { DeliveryReason } from "../webhook/sender";
import { bodyObject, lineRoute, type RouteTable } from "./common";

/** SetWebhookEndpointRequest.endpoint maxLength 500. */
export const LINE_WEBHOOK_URL_MAX_LENGTH = 500;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

// TestWebhookEndpointResponse.reason for each outcome (the reference example shows "OK").
const TEST_REASONS: Record<DeliveryReason, string> = {
  ok: "OK",
  could_not_connect: "COULD_NOT_CONNECT",
  request_timeout: "REQUEST_TIMEOUT",
  error_status_code: "ERROR_STATUS_CODE",
  unclassified: "UNCLASSIFIED",
  inactive: "UNCLASSIFIED",
};

export function channelRoutes(emulator: LineEmulator): RouteTable {
  /** A webhook URL must be https (LINE's console rejects others); localhost http only when allowed. */
  function checkWebhookUrl(value: unknown, property: string): string {
    if (typeof value !== "string") throw new InvalidProperty(property);
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    const allowed =
      url !== undefined &&
      value.length <= LINE_WEBHOOK_URL_MAX_LENGTH &&
      (url.protocol === "https:" || (url.protocol === "http:" && emulator.config.allowLocalhostHttp && LOCAL_HOSTS.has(url.hostname)));
    // Reference example: 400 {"message": "Invalid webhook endpoint URL"}
    if (!allowed) fail(400, "Invalid webhook endpoint URL");
    return value;
  }

  function getEndpoint(): Reply {
    const settings = emulator.config.webhook;
    // Reference example: 404 {"message": "Webhook endpoint not found"} when no URL is set.
    if (!settings.url) fail(404, "Webhook endpoint not found");
    return ok({ endpoint: settings.url, active: settings.active });
  }

  function setEndpoint(ctx: RequestContext): Reply {
    const body = bodyObject(ctx);
    emulator.config.webhook.url = checkWebhookUrl(body.endpoint, "endpoint");
    return ok({});
  }

  async function testEndpoint(ctx: RequestContext): Promise<Reply> {
    const body = ctx.body.length > 0 ? bodyObject(ctx) : {};
    const url = body.endpoint === undefined || body.endpoint === null || body.endpoint === "" ? emulator.config.webhook.url : checkWebhookUrl(body.endpoint, "endpoint");
    if (!url) fail(404, "Webhook endpoint not found");
    // The test sends the verification request: {"destination": …, "events": []}.
    const result = await emulator.webhook.sendVerify(url);
    return ok({
      success: result.reason === "ok",
      timestamp: result.at,
      statusCode: result.statusCode,
      reason: TEST_REASONS[result.reason],
      detail: result.reason === "ok" || result.reason === "error_status_code" ? String(result.statusCode) : (result.detail ?? result.reason),
    });
  }

  function content(ctx: RequestContext): Reply {
    const stored = emulator.contents.get(ctx.params.messageId!);
    // Reference examples: 404 {"message":"not found"}; 410 {"message":"The content is gone"} after an unsend.
    if (!stored) fail(404, "not found");
    if (stored.gone) fail(410, "The content is gone");
    return { status: 200, body: stored.data, contentType: stored.contentType };
  }

  function preview(ctx: RequestContext): Reply {
    const stored = emulator.contents.get(ctx.params.messageId!);
    if (!stored) fail(404, "not found");
    if (stored.gone) fail(410, "The content is gone");
    if (!stored.previewable) fail(400, "The content can not be previewed");
    return { status: 200, body: stored.data, contentType: stored.contentType };
  }

  function transcoding(ctx: RequestContext): Reply {
    const stored = emulator.contents.get(ctx.params.messageId!);
    if (!stored) fail(404, "not found");
    if (stored.gone) fail(410, "The content is gone");
    if (stored.kind !== "video" && stored.kind !== "audio") fail(400, "Transcoding status doesn't support this type of content");
    return ok({ status: "succeeded" });
  }

  return [
    lineRoute("getWebhookEndpoint", "GET", "/v2/bot/channel/webhook/endpoint", getEndpoint),
    lineRoute("setWebhookEndpoint", "PUT", "/v2/bot/channel/webhook/endpoint", setEndpoint),
    lineRoute("testWebhookEndpoint", "POST", "/v2/bot/channel/webhook/test", testEndpoint),
    lineRoute("getMessageContent", "GET", "/v2/bot/message/{messageId}/content", content),
    lineRoute("getMessageContentPreview", "GET", "/v2/bot/message/{messageId}/content/preview", preview),
    lineRoute("getMessageContentTranscodingByMessageId", "GET", "/v2/bot/message/{messageId}/content/transcoding", transcoding),
  ];
}
