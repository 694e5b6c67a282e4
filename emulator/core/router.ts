// Maps "METHOD /path" to a route. Paths use the OpenAPI spelling ("/v2/bot/profile/{userId}"); exact
// paths win over templates, so "/v2/bot/richmenu/list" is never read as a rich menu id.
import type { BodyKind, HttpMethod, Reply, RequestContext } from "./http";

export type RouteAuth =
  /** Channel access token (Messaging API, audience, rich menu …). */
  | "channel"
  /** A LINE Login / LIFF access token (GET /v2/profile, /friendship/v1/status). */
  | "user"
  /** No Authorization header (LINE Login token endpoints, JWKS, admin API, phone view). */
  | "none";

export type Route = {
  /** OpenAPI operationId for LINE endpoints ("multicast"); "admin.*" for the emulator's own API. */
  id: string;
  method: HttpMethod;
  path: string;
  /** LINE endpoints run through faults, auth, rate limits and retry keys; the admin API does not. */
  kind: "line" | "admin";
  auth: RouteAuth;
  body: BodyKind;
  /** retrying-api-request: only push, multicast, narrowcast and broadcast accept X-Line-Retry-Key. */
  retryKey?: boolean;
  /** Largest body accepted (LINE: "Request exceeds the max size of 2MB" → 413). */
  maxBodyBytes?: number;
  /**
   * Optional work before the handler that needs no emulator state (parsing a multicast body), which
   * may run on another thread. The pipeline skips its own JSON parsing for such routes.
   */
  prepare?: (ctx: RequestContext) => unknown;
  handle: (ctx: RequestContext) => Reply | Promise<Reply>;
};

type Template = { route: Route; pattern: RegExp; names: string[] };

export class Router {
  private exact = new Map<string, Route>();
  private templates: Template[] = [];
  private paths = new Set<string>();

  add(route: Route): void {
    const key = `${route.method} ${route.path}`;
    if (this.exact.has(key) || this.templates.some((t) => t.route.method === route.method && t.route.path === route.path)) {
      throw new Error(`duplicate route ${key}`);
    }
    if (!route.path.includes("{")) {
      this.exact.set(key, route);
    } else {
      const names: string[] = [];
      const source = route.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{(\w+)\\?\}/g, (_m, name: string) => {
        names.push(name);
        return "([^/]+)";
      });
      this.templates.push({ route, pattern: new RegExp(`^${source}$`), names });
    }
    this.paths.add(route.path);
  }

  all(): Route[] {
    return [...this.exact.values(), ...this.templates.map((t) => t.route)];
  }

  /** The route and path parameters, "method" when only the method differs, or undefined. */
  match(method: string, path: string): { route: Route; params: Record<string, string> } | "method" | undefined {
    const route = this.exact.get(`${method} ${path}`);
    if (route) return { route, params: {} };
    let pathMatched = false;
    for (const template of this.templates) {
      const match = template.pattern.exec(path);
      if (!match) continue;
      if (template.route.method !== method) {
        pathMatched = true;
        continue;
      }
      const params: Record<string, string> = {};
      template.names.forEach((name, i) => {
        params[name] = decodeURIComponent(match[i + 1]!);
      });
      return { route: template.route, params };
    }
    if (pathMatched) return "method";
    for (const key of this.exact.keys()) if (key.endsWith(` ${path}`)) return "method";
    return undefined;
  }
}
