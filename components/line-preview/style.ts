// LINE's Flex size keywords as CSS (the LINE app's values, as the emulator's phone view uses them),
// and guards so that only colours and lengths reach a style attribute: preview content is typed by
// staff, and a value like "red; background: url(…)" must not become CSS.

export const SPACING: Record<string, string> = { none: "0", xs: "2px", sm: "4px", md: "8px", lg: "12px", xl: "16px", xxl: "20px" };
export const FONT: Record<string, string> = { xxs: "11px", xs: "13px", sm: "14px", md: "16px", lg: "19px", xl: "22px", xxl: "29px", "3xl": "35px", "4xl": "48px", "5xl": "74px" };
export const IMAGE_WIDTH: Record<string, string> = { xxs: "40px", xs: "60px", sm: "80px", md: "100px", lg: "120px", xl: "140px", xxl: "160px", "3xl": "180px", "4xl": "200px", "5xl": "240px", full: "100%" };
export const ICON: Record<string, string> = { xxs: "10px", xs: "12px", sm: "14px", md: "16px", lg: "19px", xl: "22px", xxl: "29px", "3xl": "35px", "4xl": "48px", "5xl": "74px" };
export const RADIUS: Record<string, string> = { none: "0", xs: "2px", sm: "4px", md: "8px", lg: "12px", xl: "16px", xxl: "20px" };
export const BORDER: Record<string, string> = { none: "0", light: "0.5px", normal: "1px", medium: "2px", "semi-bold": "3px", bold: "4px" };
/** Bubble widths in the LINE app (size nano … giga); previews cap them at the chat width. */
export const BUBBLE_WIDTH: Record<string, string> = { nano: "120px", micro: "160px", deca: "220px", hecto: "241px", kilo: "260px", mega: "300px", giga: "500px" };

const COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
const LENGTH = /^-?\d+(?:\.\d+)?(?:px|%)$/;
const ANGLE = /^-?\d+(?:\.\d+)?deg$/;

/** A #RGB / #RRGGBB / #RRGGBBAA colour, or undefined. */
export function safeColor(value: unknown): string | undefined {
  return typeof value === "string" && COLOR.test(value) ? value : undefined;
}

/** A keyword from `table`, or a px/% length, or undefined. */
export function length(value: unknown, table?: Record<string, string>): string | undefined {
  if (typeof value !== "string") return undefined;
  if (table && Object.hasOwn(table, value)) return table[value];
  return LENGTH.test(value) ? value : undefined;
}

export function safeAngle(value: unknown): string | undefined {
  return typeof value === "string" && ANGLE.test(value) ? value : undefined;
}

/** "20:13" → "20 / 13" (CSS aspect-ratio); anything else → undefined. */
export function aspectRatio(value: unknown, fallback = "1:1"): string {
  const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(typeof value === "string" ? value : fallback);
  if (!match || Number(match[1]) <= 0 || Number(match[2]) <= 0) return "1 / 1";
  return `${match[1]} / ${match[2]}`;
}

/** Only http(s) images are shown (LINE fetches https; the preview also shows local http ones). */
export function safeImageUrl(value: unknown): string | undefined {
  return typeof value === "string" && /^https?:\/\//.test(value) ? value : undefined;
}
