// Reading list filters from a page's searchParams without trusting them.
export type SearchParams = Record<string, string | string[] | undefined>;

export function param(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === "" ? undefined : first.slice(0, 200);
}

export function pageParam(params: SearchParams, max = 10_000): number {
  const n = Number(param(params, "page") ?? "1");
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : 1;
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

/** The same page's URL with some parameters replaced (undefined removes one). */
export function withParams(path: string, params: SearchParams, changes: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const v = Array.isArray(value) ? value[0] : value;
    if (v !== undefined && v !== "" && !(key in changes)) query.set(key, v);
  }
  for (const [key, value] of Object.entries(changes)) if (value !== undefined && value !== "") query.set(key, String(value));
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}
