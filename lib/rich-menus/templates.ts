// Rich menu sizes and template grids. LINE's recommended image sizes are 2500×1686 (large) and
// 2500×843 (compact) (rich menu docs: "Rich menu image requirements"); areas are in image pixels.

export const RICH_MENU_SIZES = {
  large: { width: 2500, height: 1686, label: "大（2500×1686）" },
  compact: { width: 2500, height: 843, label: "小（2500×843）" },
} as const;
export type RichMenuSize = keyof typeof RICH_MENU_SIZES;

/** Areas per menu (messaging-api reference: "Max: 20 area objects"). */
export const RICH_MENU_MAX_AREAS = 20;
/** chatBarText: at most 14 characters. */
export const RICH_MENU_CHAT_BAR_MAX = 14;
/** Image file: at most 1 MB, JPEG or PNG. */
export const RICH_MENU_IMAGE_MAX_BYTES = 1024 * 1024;

export type Bounds = { x: number; y: number; width: number; height: number };

type Template = { id: string; size: RichMenuSize; label: string; rows: number[][] };

// Each row lists relative column widths; rows share the height equally.
const TEMPLATES: Template[] = [
  { id: "large-6", size: "large", label: "6分割（3列×2段）", rows: [[1, 1, 1], [1, 1, 1]] },
  { id: "large-4", size: "large", label: "4分割（2列×2段）", rows: [[1, 1], [1, 1]] },
  { id: "large-4-wide", size: "large", label: "4分割（上1＋下3）", rows: [[1], [1, 1, 1]] },
  { id: "large-3", size: "large", label: "3分割（上1＋下2）", rows: [[1], [1, 1]] },
  { id: "large-2", size: "large", label: "2分割（左右）", rows: [[1, 1]] },
  { id: "large-1", size: "large", label: "1面", rows: [[1]] },
  { id: "compact-3", size: "compact", label: "3分割（3列）", rows: [[1, 1, 1]] },
  { id: "compact-2", size: "compact", label: "2分割（左右）", rows: [[1, 1]] },
  { id: "compact-1", size: "compact", label: "1面", rows: [[1]] },
];

export const FREE_LAYOUT = "free";

export function richMenuTemplates(): { id: string; size: RichMenuSize; label: string; areaCount: number }[] {
  return TEMPLATES.map((t) => ({ id: t.id, size: t.size, label: t.label, areaCount: t.rows.flat().length }));
}

export function templateById(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/** Splits `total` pixels into parts proportional to `weights`, summing exactly to `total`. */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const edges = [0];
  let acc = 0;
  for (const w of weights) {
    acc += w;
    edges.push(Math.round((total * acc) / sum));
  }
  return weights.map((_, i) => edges[i + 1]! - edges[i]!);
}

/** The areas of a template grid, left to right, top to bottom. */
export function templateBounds(templateId: string): Bounds[] {
  const template = templateById(templateId);
  if (!template) throw new Error(`unknown rich menu template ${templateId}`);
  const { width, height } = RICH_MENU_SIZES[template.size];
  const heights = split(height, template.rows.map(() => 1));
  const bounds: Bounds[] = [];
  let y = 0;
  template.rows.forEach((row, r) => {
    const widths = split(width, row);
    let x = 0;
    for (const w of widths) {
      bounds.push({ x, y, width: w, height: heights[r]! });
      x += w;
    }
    y += heights[r]!;
  });
  return bounds;
}

/** Problems with free areas: outside the image, empty, or overlapping. */
export function boundsProblems(bounds: Bounds[], size: { width: number; height: number }): string[] {
  const problems: string[] = [];
  bounds.forEach((b, i) => {
    if (![b.x, b.y, b.width, b.height].every(Number.isInteger)) problems.push(`エリア${i + 1}：位置と大きさは整数で入力してください。`);
    else if (b.x < 0 || b.y < 0 || b.width < 1 || b.height < 1 || b.x + b.width > size.width || b.y + b.height > size.height)
      problems.push(`エリア${i + 1}：画像（${size.width}×${size.height}）の内側に収まるようにしてください。`);
  });
  for (let i = 0; i < bounds.length; i++)
    for (let j = i + 1; j < bounds.length; j++) {
      const a = bounds[i]!;
      const b = bounds[j]!;
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) problems.push(`エリア${i + 1}とエリア${j + 1}が重なっています。`);
    }
  return problems;
}
