// How LINE reports a bad request body. Two levels, as the real platform has them:
//  - a body that does not even deserialize (a string where an array belongs, a malformed user id in
//    multicast `to`) → 400 {"message": "The property, to[1], in the request body is invalid (line: -, column: -)"}
//  - constraint violations → 400 {"message": "The request body has N error(s)", "details": [{message, property}]}
// Sources: messaging-api reference "Error responses" and "Error messages" (stored copy 2025-04-16),
// and the multicast error example.

export type ErrorDetail = { message: string; property: string };

/** Thrown when a property has the wrong JSON type: LINE answers with one message and no details. */
export class InvalidProperty extends Error {
  constructor(readonly property: string) {
    super(`The property, ${property}, in the request body is invalid (line: -, column: -)`);
  }
}

// The vocabulary LINE uses in details[].message (reference examples).
export const MAY_NOT_BE_EMPTY = "May not be empty";
export const MUST_BE_SPECIFIED = "must be specified";
export const INVALID_URI = "invalid uri";
export const lengthBetween = (min: number, max: number) => `Length must be between ${min} and ${max}`;
export const sizeBetween = (min: number, max: number) => `Size must be between ${min} and ${max}`;
export const oneOf = (values: readonly string[]) => `Must be one of the following values: [${values.join(", ")}]`;

export class Issues {
  readonly details: ErrorDetail[] = [];

  add(property: string, message: string): void {
    this.details.push({ message, property });
  }

  get empty(): boolean {
    return this.details.length === 0;
  }

  /** LINE's summary line: "The request body has 2 error(s)". */
  toBody(): { message: string; details: ErrorDetail[] } {
    return { message: `The request body has ${this.details.length} error(s)`, details: this.details };
  }
}

const segmenter = new Intl.Segmenter("ja", { granularity: "grapheme" });

/** text-character-count: labels and some template texts count grapheme clusters, not UTF-16 units. */
export function graphemeLength(text: string): number {
  // ASCII-only text is one grapheme per code unit; skip the segmenter for it.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

/** "messages[0].text"; a top-level key has no leading dot. */
export function prop(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A required string: missing/empty → "May not be empty"; wrong type → InvalidProperty; too long → length. */
export function requireString(
  issues: Issues,
  owner: Record<string, unknown>,
  key: string,
  path: string,
  max: number,
  options: { count?: "utf16" | "grapheme"; emptyMessage?: string } = {},
): string | undefined {
  const value = owner[key];
  const property = prop(path, key);
  if (value === undefined || value === null || value === "") {
    issues.add(property, options.emptyMessage ?? MAY_NOT_BE_EMPTY);
    return undefined;
  }
  if (typeof value !== "string") throw new InvalidProperty(property);
  const length = options.count === "grapheme" ? graphemeLength(value) : value.length;
  if (length > max) issues.add(property, lengthBetween(0, max));
  return value;
}

/** An optional string with a maximum length. */
export function optionalString(
  issues: Issues,
  owner: Record<string, unknown>,
  key: string,
  path: string,
  max: number,
  count: "utf16" | "grapheme" = "utf16",
): string | undefined {
  const value = owner[key];
  if (value === undefined || value === null) return undefined;
  const property = prop(path, key);
  if (typeof value !== "string") throw new InvalidProperty(property);
  const length = count === "grapheme" ? graphemeLength(value) : value.length;
  if (length > max) issues.add(property, lengthBetween(0, max));
  return value;
}

export function optionalBoolean(owner: Record<string, unknown>, key: string, path: string): boolean | undefined {
  const value = owner[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw new InvalidProperty(prop(path, key));
  return value;
}

export function optionalEnum(issues: Issues, owner: Record<string, unknown>, key: string, path: string, values: readonly string[]): string | undefined {
  const value = owner[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new InvalidProperty(prop(path, key));
  if (!values.includes(value)) issues.add(prop(path, key), oneOf(values));
  return value;
}

export function requireNumber(issues: Issues, owner: Record<string, unknown>, key: string, path: string): number | undefined {
  const value = owner[key];
  if (value === undefined || value === null) {
    issues.add(prop(path, key), MAY_NOT_BE_EMPTY);
    return undefined;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) throw new InvalidProperty(prop(path, key));
  return value;
}

export function requireInteger(issues: Issues, owner: Record<string, unknown>, key: string, path: string, emptyMessage = MAY_NOT_BE_EMPTY): number | undefined {
  const value = owner[key];
  if (value === undefined || value === null) {
    issues.add(prop(path, key), emptyMessage);
    return undefined;
  }
  if (typeof value !== "number" || !Number.isInteger(value)) throw new InvalidProperty(prop(path, key));
  return value;
}

/** An object-valued property: wrong type → InvalidProperty. */
export function optionalObject(owner: Record<string, unknown>, key: string, path: string): Record<string, unknown> | undefined {
  const value = owner[key];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw new InvalidProperty(prop(path, key));
  return value;
}

export function optionalArray(owner: Record<string, unknown>, key: string, path: string): unknown[] | undefined {
  const value = owner[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new InvalidProperty(prop(path, key));
  return value;
}
