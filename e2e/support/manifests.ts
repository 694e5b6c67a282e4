// What the production build contains: every App Router page/route and every server action, read
// from Next's own manifests, so a new page or action cannot escape the permission-matrix test.
import { readFileSync } from "node:fs";
import path from "node:path";
import { env } from "../../lib/env.ts";

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(env().KAIRAN_NEXT_DIST_DIR, "server", file), "utf8")) as T;
}

/** "/staff/(console)/audit/export/route" → "/staff/audit/export" */
export function routeFromEntry(entry: string): string {
  const withoutLeaf = entry.replace(/\/(page|route)$/, "");
  const parts = withoutLeaf.split("/").filter((part) => part && !/^\(.*\)$/.test(part));
  return `/${parts.join("/")}`;
}

export function builtRoutes(): { path: string; kind: "page" | "route" }[] {
  const manifest = readJson<Record<string, string>>("app-paths-manifest.json");
  return Object.keys(manifest).map((entry) => ({ path: routeFromEntry(entry), kind: entry.endsWith("/route") ? "route" : "page" }));
}

export type BuiltAction = { id: string; exportedName: string; filename: string; pages: string[] };

export function builtServerActions(): BuiltAction[] {
  const manifest = readJson<{ node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }> }>("server-reference-manifest.json");
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    exportedName: entry.exportedName ?? "(unknown)",
    filename: entry.filename ?? "(unknown)",
    pages: Object.keys(entry.workers).map((worker) => routeFromEntry(worker.replace(/^app/, ""))),
  }));
}
