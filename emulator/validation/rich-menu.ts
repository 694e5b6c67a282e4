// Rich menu objects (messaging-api reference "Rich menu object", stored copy 2025-04-16). The rich
// menu endpoints phrase a missing key as "must be specified" (reference example for create).
import { validateAction } from "./actions";
import { InvalidProperty, Issues, MUST_BE_SPECIFIED, isRecord, optionalArray, requireString, sizeBetween } from "./issues";

/** "The width of the rich menu image must be between 800px and 2500px. The height must be at least 250px." */
export const RICH_MENU_MIN_WIDTH = 800;
export const RICH_MENU_MAX_WIDTH = 2500;
export const RICH_MENU_MIN_HEIGHT = 250;
/** "Image aspect ratio (width / height): 1.45 or more". */
export const RICH_MENU_MIN_ASPECT_RATIO = 1.45;
/** areas: "Max: 20 area objects". */
export const RICH_MENU_MAX_AREAS = 20;

export type RichMenuObject = {
  size: { width: number; height: number };
  selected: boolean;
  name: string;
  chatBarText: string;
  areas: { bounds: { x: number; y: number; width: number; height: number }; action: Record<string, unknown> }[];
};

function requireInt(issues: Issues, owner: Record<string, unknown>, key: string, path: string): number | undefined {
  const value = owner[key];
  if (value === undefined || value === null) {
    issues.add(`${path}.${key}`, MUST_BE_SPECIFIED);
    return undefined;
  }
  if (typeof value !== "number" || !Number.isInteger(value)) throw new InvalidProperty(`${path}.${key}`);
  return value;
}

export function validateRichMenu(issues: Issues, body: Record<string, unknown>): RichMenuObject | undefined {
  let width: number | undefined;
  let height: number | undefined;
  const size = body.size;
  if (size === undefined || size === null) issues.add("size", MUST_BE_SPECIFIED);
  else if (!isRecord(size)) throw new InvalidProperty("size");
  else {
    width = requireInt(issues, size, "width", "size");
    height = requireInt(issues, size, "height", "size");
    if (width !== undefined && (width < RICH_MENU_MIN_WIDTH || width > RICH_MENU_MAX_WIDTH)) issues.add("size.width", `Must be between ${RICH_MENU_MIN_WIDTH} and ${RICH_MENU_MAX_WIDTH}`);
    if (height !== undefined && height < RICH_MENU_MIN_HEIGHT) issues.add("size.height", `Must be greater than or equal to ${RICH_MENU_MIN_HEIGHT}`);
    if (width !== undefined && height !== undefined && height > 0 && width / height < RICH_MENU_MIN_ASPECT_RATIO) {
      issues.add("size", `The aspect ratio (width / height) must be at least ${RICH_MENU_MIN_ASPECT_RATIO}`);
    }
  }
  if (body.selected === undefined || body.selected === null) issues.add("selected", MUST_BE_SPECIFIED);
  else if (typeof body.selected !== "boolean") throw new InvalidProperty("selected");
  // name and chatBarText count grapheme clusters (text-character-count).
  requireString(issues, body, "name", "", 300, { count: "grapheme", emptyMessage: MUST_BE_SPECIFIED });
  requireString(issues, body, "chatBarText", "", 14, { count: "grapheme", emptyMessage: MUST_BE_SPECIFIED });
  const areas = optionalArray(body, "areas", "");
  if (areas === undefined) issues.add("areas", MUST_BE_SPECIFIED);
  else {
    if (areas.length > RICH_MENU_MAX_AREAS) issues.add("areas", sizeBetween(0, RICH_MENU_MAX_AREAS));
    areas.forEach((area, i) => {
      const path = `areas[${i}]`;
      if (!isRecord(area)) throw new InvalidProperty(path);
      const bounds = area.bounds;
      if (bounds === undefined || bounds === null) issues.add(`${path}.bounds`, MUST_BE_SPECIFIED);
      else if (!isRecord(bounds)) throw new InvalidProperty(`${path}.bounds`);
      else {
        const x = requireInt(issues, bounds, "x", `${path}.bounds`);
        const y = requireInt(issues, bounds, "y", `${path}.bounds`);
        const w = requireInt(issues, bounds, "width", `${path}.bounds`);
        const h = requireInt(issues, bounds, "height", `${path}.bounds`);
        if (x !== undefined && x < 0) issues.add(`${path}.bounds.x`, "Must be greater than or equal to 0");
        if (y !== undefined && y < 0) issues.add(`${path}.bounds.y`, "Must be greater than or equal to 0");
        if (w !== undefined && w < 1) issues.add(`${path}.bounds.width`, "Must be greater than or equal to 1");
        if (h !== undefined && h < 1) issues.add(`${path}.bounds.height`, "Must be greater than or equal to 1");
        if (x !== undefined && w !== undefined && width !== undefined && x + w > width) issues.add(`${path}.bounds`, "The area must be inside the rich menu");
        if (y !== undefined && h !== undefined && height !== undefined && y + h > height) issues.add(`${path}.bounds`, "The area must be inside the rich menu");
      }
      if (area.action === undefined || area.action === null) issues.add(`${path}.action`, MUST_BE_SPECIFIED);
      else validateAction(issues, area.action, `${path}.action`, "richMenu");
    });
  }
  return issues.empty ? (body as unknown as RichMenuObject) : undefined;
}


