"use client";
// Create or edit a rich menu draft: who it is for, its size and layout (a template grid, or free
// areas on an uploaded image), and a label and an action per area. A schematic preview follows the
// choices. Nothing typed is lost after an error.
import { useActionState, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ChoiceGroup, Select, TextField } from "@/components/ui/field";
import { IDLE, type ActionState } from "@/lib/forms/action-state";
import { RichMenuPreview } from "@/components/line-preview/rich-menu-preview";

export type RichMenuFormArea = { label: string; kind: string; value: string; x: string; y: string; width: string; height: string };
export type RichMenuFormValues = { id?: string; name: string; chatBarText: string; audience: string; language: string; size: "large" | "compact"; layout: string; areas: RichMenuFormArea[]; hasImage: boolean };
export type TemplateOption = { id: string; size: "large" | "compact"; label: string; bounds: { x: number; y: number; width: number; height: number }[] };

const SIZES = { large: { width: 2500, height: 1686 }, compact: { width: 2500, height: 843 } };
const KINDS = [
  { value: "message", label: "メッセージを送信（自動応答のキーワードなど）" },
  { value: "postback", label: "機能を呼び出す（action=…）" },
  { value: "liff", label: "LIFF 画面を開く（/register など）" },
  { value: "uri", label: "ウェブページを開く（https://…）" },
];
const LANGUAGES = [
  { value: "", label: "すべての言語（言語別のメニューがない住民）" },
  { value: "ja", label: "日本語" },
  { value: "ja-easy", label: "やさしい日本語" },
  { value: "en", label: "English" },
  { value: "zh", label: "中文" },
  { value: "ko", label: "한국어" },
  { value: "vi", label: "Tiếng Việt" },
  { value: "pt", label: "Português" },
];
/** Keep the whole form under the 1 MB body limit of server actions (and LINE's 1 MB image limit). */
const IMAGE_MAX_BYTES = 1_000_000;
const EMPTY_AREA: RichMenuFormArea = { label: "", kind: "message", value: "", x: "", y: "", width: "", height: "" };

function fromState(values: ActionState["values"], fallback: RichMenuFormValues): RichMenuFormValues {
  if (!values) return fallback;
  const text = (key: string, d: string) => (typeof values[key] === "string" ? (values[key] as string) : d);
  const areas: RichMenuFormArea[] = [];
  for (let i = 0; i < 20; i++) {
    if (values[`areas.${i}.label`] === undefined && values[`areas.${i}.kind`] === undefined) continue;
    areas[i] = { label: text(`areas.${i}.label`, ""), kind: text(`areas.${i}.kind`, "message"), value: text(`areas.${i}.value`, ""), x: text(`areas.${i}.x`, ""), y: text(`areas.${i}.y`, ""), width: text(`areas.${i}.width`, ""), height: text(`areas.${i}.height`, "") };
  }
  return {
    ...fallback,
    name: text("name", fallback.name),
    chatBarText: text("chatBarText", fallback.chatBarText),
    audience: text("audience", fallback.audience),
    language: text("language", fallback.language),
    size: text("size", fallback.size) === "compact" ? "compact" : "large",
    layout: text("layout", fallback.layout),
    areas: areas.filter(Boolean).length ? areas.filter(Boolean) : fallback.areas,
  };
}

export function RichMenuForm({ initial, templates, action }: { initial: RichMenuFormValues; templates: TemplateOption[]; action: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return <RichMenuFields key={JSON.stringify(state.values ?? {})} state={state} values={fromState(state.values, initial)} templates={templates} formAction={formAction} pending={pending} />;
}

function RichMenuFields({ state, values, templates, formAction, pending }: { state: ActionState; values: RichMenuFormValues; templates: TemplateOption[]; formAction: (formData: FormData) => void; pending: boolean }) {
  const [size, setSize] = useState(values.size);
  const [layout, setLayout] = useState(values.layout);
  const [areas, setAreas] = useState<RichMenuFormArea[]>(values.areas);
  const [chatBarText, setChatBarText] = useState(values.chatBarText);
  const [imageError, setImageError] = useState<string | null>(null);
  const e = state.errors ?? {};
  const template = templates.find((t) => t.id === layout);
  const free = layout === "free";
  const layoutOptions = [...templates.filter((t) => t.size === size).map((t) => ({ value: t.id, label: t.label })), { value: "free", label: "自由配置（画像をアップロードして範囲を指定）" }];

  const count = template ? template.bounds.length : areas.length;
  const rows = Array.from({ length: count }, (_, i) => areas[i] ?? EMPTY_AREA);
  const previewAreas = useMemo(
    () =>
      rows.map((area, i) => ({
        bounds: template?.bounds[i] ?? { x: Number(area.x) || 0, y: Number(area.y) || 0, width: Number(area.width) || 0, height: Number(area.height) || 0 },
        label: area.label || `エリア ${i + 1}`,
      })),
    [rows, template],
  );
  const update = (i: number, key: keyof RichMenuFormArea, value: string) => setAreas((current) => Array.from({ length: Math.max(current.length, i + 1) }, (_, j) => (j === i ? { ...(current[j] ?? EMPTY_AREA), [key]: value } : (current[j] ?? EMPTY_AREA))));

  return (
    <form
      action={formAction}
      noValidate
      className="grid gap-8 xl:grid-cols-[minmax(0,1fr)_auto]"
      onSubmit={(event) => {
        const input = event.currentTarget.elements.namedItem("image") as HTMLInputElement | null;
        const file = input?.files?.[0];
        if (file && file.size > IMAGE_MAX_BYTES) {
          event.preventDefault();
          setImageError("画像は1,000KB以下にしてください。");
          input?.focus();
        }
      }}
    >
      <div className="max-w-3xl">
        {state.status === "error" && state.message ? (
          <Alert tone="error" live>
            {state.message}
          </Alert>
        ) : null}
        {values.id ? <input type="hidden" name="id" value={values.id} /> : null}
        <TextField label="管理用の名前" name="name" required defaultValue={values.name} error={e.name} hint="職員が見分けるための名前です。" />
        <TextField label="メニューバーの文字" name="chatBarText" required maxLength={14} value={chatBarText} onChange={(event) => setChatBarText(event.target.value)} error={e.chatBarText} hint="トーク画面の下に表示されます（14文字まで）。例：メニュー" />
        <ChoiceGroup
          type="radio"
          name="audience"
          legend="表示する相手"
          required
          defaultValue={values.audience}
          error={e.audience}
          options={[
            { value: "UNREGISTERED", label: "未登録の住民", description: "友だち追加したばかりで、住民登録をしていない方" },
            { value: "REGISTERED", label: "登録済みの住民", description: "住民登録フォームに回答した方" },
            { value: "DISASTER", label: "災害モード（全員）", description: "災害モードを開始すると、すべての友だちに表示します" },
          ]}
        />
        <Select label="言語" name="language" defaultValue={values.language} options={LANGUAGES} error={e.language} hint="住民が選んだ言語ごとにメニューを分けられます。" />
        <div
          onChange={(event) => {
            const target = event.target as HTMLInputElement;
            if (target.name !== "size") return;
            const next = target.value === "compact" ? "compact" : "large";
            setSize(next);
            setLayout(templates.find((t) => t.size === next)?.id ?? "free");
          }}
        >
          <ChoiceGroup
            type="radio"
            name="size"
            legend="大きさ"
            required
            inline
            defaultValue={size}
            error={e.size}
            options={[
              { value: "large", label: "大（2500×1686）" },
              { value: "compact", label: "小（2500×843）" },
            ]}
          />
        </div>
        <Select
          label="レイアウト"
          name="layout"
          required
          value={layout}
          onChange={(event) => setLayout(event.target.value)}
          options={layoutOptions}
          error={e.layout}
          hint="テンプレートを選ぶと、画像がなくても区切りと番号の入った画像を自動で作ります。デザインした画像を使うときはアップロードしてください。"
        />
        <div className="mb-6">
          <label htmlFor="rich-menu-image" className="mb-2 block text-std-17B-170">
            画像（PNG または JPEG、{SIZES[size].width}×{SIZES[size].height} ピクセル、1,000KBまで）{free ? "（必須）" : "（任意）"}
          </label>
          {values.hasImage ? <p className="mb-2 text-dns-14N-130 text-solid-gray-600">選ばなければ、いまの画像のままです。</p> : null}
          {imageError || e.image ? (
            <p id="rich-menu-image-error" role="alert" className="mb-2 text-std-16B-170 text-error-1">
              {imageError ?? e.image?.[0]}
            </p>
          ) : null}
          <input
            id="rich-menu-image"
            name="image"
            type="file"
            accept="image/png,image/jpeg"
            aria-invalid={imageError || e.image ? true : undefined}
            aria-describedby={imageError || e.image ? "rich-menu-image-error" : undefined}
            className="block w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3"
            onChange={() => setImageError(null)}
          />
        </div>
        {e.areas ? (
          <Alert tone="error" live>
            {e.areas[0]}
          </Alert>
        ) : null}
        {rows.map((area, i) => (
          <fieldset key={i} className="mb-4 rounded-8 border border-solid-gray-420 p-4">
            <legend className="px-1 text-std-17B-170">エリア {i + 1}</legend>
            <div className="grid gap-x-6 sm:grid-cols-2">
              <TextField label="ボタンの名前" name={`areas.${i}.label`} required maxLength={20} value={area.label} onChange={(event) => update(i, "label", event.target.value)} error={e[`areas.${i}.label`]} hint="20文字まで。読み上げにも使われます。" />
              <Select label="動作" name={`areas.${i}.kind`} value={area.kind} onChange={(event) => update(i, "kind", event.target.value)} options={KINDS} error={e[`areas.${i}.kind`]} />
            </div>
            <TextField
              label={area.kind === "message" ? "送信する文章" : area.kind === "postback" ? "データ（action=…）" : area.kind === "liff" ? "LIFF 画面のパス" : "URL"}
              name={`areas.${i}.value`}
              required
              value={area.value}
              onChange={(event) => update(i, "value", event.target.value)}
              error={e[`areas.${i}.value`]}
              hint={area.kind === "postback" ? "例：action=contact（相談の案内）" : area.kind === "liff" ? "例：/register（住民登録）" : undefined}
            />
            {free ? (
              <div className="grid grid-cols-2 gap-x-4 sm:grid-cols-4">
                {(["x", "y", "width", "height"] as const).map((key) => (
                  <TextField key={key} label={{ x: "左（x）", y: "上（y）", width: "幅", height: "高さ" }[key]} name={`areas.${i}.${key}`} type="number" min={0} value={area[key]} onChange={(event) => update(i, key, event.target.value)} error={e[`areas.${i}.${key}`]} />
                ))}
              </div>
            ) : null}
          </fieldset>
        ))}
        {free ? (
          <div className="mb-6 flex flex-wrap gap-3">
            <Button variant="secondary" size="sm" disabled={areas.length >= 20} onClick={() => setAreas((current) => [...current, { ...EMPTY_AREA }])}>
              エリアを追加する
            </Button>
            <Button variant="tertiary" size="sm" disabled={areas.length <= 1} onClick={() => setAreas((current) => current.slice(0, -1))}>
              最後のエリアを削除する
            </Button>
          </div>
        ) : null}
        <Button type="submit" disabled={pending}>
          {pending ? "保存しています…" : "下書きを保存する"}
        </Button>
      </div>
      <section aria-labelledby="draft-preview-heading">
        <h2 id="draft-preview-heading" className="mb-3 text-std-18B-160">
          配置の確認
        </h2>
        <RichMenuPreview imageSrc={null} width={SIZES[size].width} height={SIZES[size].height} areas={previewAreas} chatBarText={chatBarText || "メニュー"} name="作成中のメニュー" />
      </section>
    </form>
  );
}
