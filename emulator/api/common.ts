// Helpers the endpoint modules share.
import type { LineEmulator } from "../emulator";
import { fail, type Reply, type RequestContext } from "../core/http";
import type { Route } from "../core/router";
import type { ValidationOptions } from "../validation/actions";
import { Issues, isRecord } from "../validation/issues";

export type RouteTable = Route[];

/** A JSON body that must be an object. */
export function bodyObject(ctx: RequestContext): Record<string, unknown> {
  if (!isRecord(ctx.json)) fail(400, "The request body has 1 error(s)", [{ message: "must be a JSON object", property: "" }]);
  return ctx.json;
}

export function validationOptions(emulator: LineEmulator): ValidationOptions {
  return { allowLocalhostHttp: emulator.config.allowLocalhostHttp };
}

/** 400 with LINE's "The request body has N error(s)" when validation found problems. */
export function failOnIssues(issues: Issues): void {
  if (!issues.empty) {
    const body = issues.toBody();
    fail(400, body.message, body.details);
  }
}

/** "The value for the 'date' parameter is invalid" — LINE's wording for a bad query parameter. */
export function invalidParameter(name: string): never {
  fail(400, `The value for the '${name}' parameter is invalid`);
}

/** "Not found" — LINE's 404 body for profiles, rich menus, narrowcast progress … */
export function notFound(message = "Not found"): never {
  fail(404, message);
}

/** Shorthand to declare a LINE endpoint. */
export function lineRoute(
  id: string,
  method: Route["method"],
  path: string,
  handle: (ctx: RequestContext) => Reply | Promise<Reply>,
  options: Partial<Pick<Route, "auth" | "body" | "retryKey" | "maxBodyBytes">> = {},
): Route {
  return {
    id,
    method,
    path,
    kind: "line",
    auth: options.auth ?? "channel",
    body: options.body ?? (method === "GET" || method === "DELETE" ? "none" : "json"),
    retryKey: options.retryKey,
    maxBodyBytes: options.maxBodyBytes,
    handle,
  };
}

export function adminRoute(
  id: string,
  method: Route["method"],
  path: string,
  handle: (ctx: RequestContext) => Reply | Promise<Reply>,
  options: Partial<Pick<Route, "body" | "maxBodyBytes">> = {},
): Route {
  return {
    id: `admin.${id}`,
    method,
    path,
    kind: "admin",
    auth: "none",
    body: options.body ?? (method === "GET" || method === "DELETE" ? "none" : "json"),
    maxBodyBytes: options.maxBodyBytes,
    handle,
  };
}
