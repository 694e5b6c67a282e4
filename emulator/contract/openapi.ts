// A small OpenAPI 3.0 schema checker for the contract tests: enough of the spec language that LINE's
// files use ($ref, type, required, properties, items, enum, min/max items and lengths, pattern,
// allOf, oneOf, discriminator with mapping, nullable, additionalProperties, date-time).
// The specs themselves are LINE's (line/line-openapi @6e4c2a2, converted from YAML to JSON; see
// README.md beside this file).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type Schema = Record<string, unknown>;
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
export type Operation = {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  servers?: { url: string }[];
};

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "openapi");

export const SPEC_FILES = ["messaging-api", "manage-audience", "channel-access-token", "webhook"] as const;
export type SpecName = (typeof SPEC_FILES)[number];

const cache = new Map<SpecName, OpenApiDocument>();

export function loadSpec(name: SpecName): OpenApiDocument {
  let spec = cache.get(name);
  if (!spec) {
    spec = JSON.parse(readFileSync(path.join(DIR, `${name}.json`), "utf8")) as OpenApiDocument;
    cache.set(name, spec);
  }
  return spec;
}

/** Every operation of a spec: method, path template, operationId and its declared host. */
export function operationsOf(name: SpecName): { method: string; path: string; operationId: string; dataHost: boolean; operation: Operation }[] {
  const spec = loadSpec(name);
  const result: { method: string; path: string; operationId: string; dataHost: boolean; operation: Operation }[] = [];
  for (const [p, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!["get", "post", "put", "delete"].includes(method)) continue;
      const dataHost = (operation.servers ?? []).some((s) => s.url.includes("api-data"));
      result.push({ method: method.toUpperCase(), path: p, operationId: operation.operationId ?? `${method} ${p}`, dataHost, operation });
    }
  }
  return result;
}

function resolve(spec: OpenApiDocument, schema: Schema): Schema {
  let current = schema;
  const seen = new Set<string>();
  while (typeof current.$ref === "string") {
    const ref = current.$ref;
    if (seen.has(ref)) throw new Error(`circular $ref ${ref}`);
    seen.add(ref);
    const name = ref.replace("#/components/schemas/", "");
    const target = spec.components.schemas[name];
    if (!target) throw new Error(`unknown $ref ${ref}`);
    current = target;
  }
  return current;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Problems found in `value` against `schema`; empty when it conforms. */
export function checkSchema(spec: OpenApiDocument, schema: Schema, value: unknown, at = "$", skipDiscriminator = false): string[] {
  const s = resolve(spec, schema);
  const errors: string[] = [];
  if (value === null) return s.nullable === true ? [] : [`${at}: null is not allowed`];

  if (Array.isArray(s.allOf)) {
    for (const part of s.allOf as Schema[]) errors.push(...checkSchema(spec, part, value, at, true));
  }
  if (Array.isArray(s.oneOf)) {
    const passing = (s.oneOf as Schema[]).filter((part) => checkSchema(spec, part, value, at).length === 0).length;
    if (passing !== 1) errors.push(`${at}: matches ${passing} of oneOf`);
  }
  const discriminator = s.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined;
  if (discriminator && !skipDiscriminator && typeOf(value) === "object") {
    const tag = (value as Record<string, unknown>)[discriminator.propertyName];
    const target = typeof tag === "string" ? discriminator.mapping?.[tag] : undefined;
    if (target) errors.push(...checkSchema(spec, { $ref: target }, value, at, false));
    else errors.push(`${at}.${discriminator.propertyName}: ${JSON.stringify(tag)} is not one of ${Object.keys(discriminator.mapping ?? {}).join(", ")}`);
  }

  const type = s.type as string | undefined;
  const actual = typeOf(value);
  if (type && !(type === actual || (type === "number" && actual === "integer"))) {
    errors.push(`${at}: expected ${type}, got ${actual}`);
    return errors;
  }
  if (Array.isArray(s.enum) && !(s.enum as unknown[]).includes(value)) errors.push(`${at}: ${JSON.stringify(value)} is not in enum`);
  if (typeof value === "string") {
    if (typeof s.maxLength === "number" && value.length > s.maxLength) errors.push(`${at}: longer than ${s.maxLength}`);
    if (typeof s.minLength === "number" && value.length < s.minLength) errors.push(`${at}: shorter than ${s.minLength}`);
    if (typeof s.pattern === "string" && !new RegExp(s.pattern).test(value)) errors.push(`${at}: does not match ${s.pattern}`);
    if (s.format === "date-time" && Number.isNaN(Date.parse(value))) errors.push(`${at}: not a date-time`);
  }
  if (typeof value === "number") {
    if (typeof s.minimum === "number" && value < s.minimum) errors.push(`${at}: below ${s.minimum}`);
    if (typeof s.maximum === "number" && value > s.maximum) errors.push(`${at}: above ${s.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.maxItems === "number" && value.length > s.maxItems) errors.push(`${at}: more than ${s.maxItems} items`);
    if (typeof s.minItems === "number" && value.length < s.minItems) errors.push(`${at}: fewer than ${s.minItems} items`);
    if (s.items) value.forEach((item, i) => errors.push(...checkSchema(spec, s.items as Schema, item, `${at}[${i}]`)));
  }
  if (actual === "object") {
    const object = value as Record<string, unknown>;
    for (const key of (s.required as string[] | undefined) ?? []) if (!(key in object)) errors.push(`${at}.${key}: required`);
    const properties = (s.properties as Record<string, Schema> | undefined) ?? {};
    for (const [key, child] of Object.entries(object)) {
      if (properties[key]) errors.push(...checkSchema(spec, properties[key], child, `${at}.${key}`));
      else if (s.additionalProperties && typeof s.additionalProperties === "object") errors.push(...checkSchema(spec, s.additionalProperties as Schema, child, `${at}.${key}`));
    }
  }
  return errors;
}

/** The JSON schema of a response, or LINE's ErrorResponse for error statuses the spec leaves out. */
export function responseSchema(name: SpecName, method: string, pathTemplate: string, status: number): Schema | undefined {
  const spec = loadSpec(name);
  const operation = spec.paths[pathTemplate]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${method} ${pathTemplate} is not in ${name}.yml`);
  const response = operation.responses?.[String(status)];
  const schema = response?.content?.["application/json"]?.schema;
  if (schema) return schema;
  if (status >= 400 && spec.components.schemas.ErrorResponse) return { $ref: "#/components/schemas/ErrorResponse" };
  return undefined;
}

export function requestSchema(name: SpecName, method: string, pathTemplate: string): Schema | undefined {
  const operation = loadSpec(name).paths[pathTemplate]?.[method.toLowerCase()];
  return operation?.requestBody?.content?.["application/json"]?.schema;
}
