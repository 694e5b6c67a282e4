"use client";
// The broadcast composer: up to 5 messages per language (text with emoji, an uploaded image, Flex from
// the お知らせ / 防災アラート / イベント案内 templates), Japanese required; the target (everyone or a saved
// segment, with its live count); when (now after approval, at a time, or recurring); and the phone
// preview of each language as LINE shows it. Saved as a draft with a server action; everything the
// editor typed comes back after an error.
import { useActionState, useEffect, useId, useMemo, useState } from "react";
import { LinePreview } from "@/components/line-preview";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select, TextArea, TextField } from "@/components/ui/field";
import { IDLE, type ActionState } from "@/lib/forms/action-state";
import { LANGUAGE_CODES, LANGUAGE_LABELS_JA, type Language } from "@/lib/registration/options";
import { FLEX_TEMPLATES, LIFF_PAGES, MAX_MESSAGES, MAX_TEXT, type FlexButtonDraft, type MessageDraft } from "@/lib/broadcasts/content";
import { draftToLineMessage, templateLabel } from "@/lib/broadcasts/line-messages";
import { WEEKDAY_LABELS, type Recurrence } from "@/lib/broadcasts/schedule";
import type { LineMessage } from "@/lib/line/messages";

export type ComposerValue = {
  title: string;
  segmentId: string | null;
  variants: Partial<Record<Language, MessageDraft[]>>;
  schedule: { kind: "NOW" } | { kind: "AT"; at: string } | { kind: "RECURRING"; recurrence: Recurrence };
  notificationDisabled: boolean;
  sendDuringQuietHours: boolean;
};

export type ComposerProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  broadcastId?: string;
  initial: ComposerValue;
  segments: { id: string; name: string; description: string }[];
  images: { id: string; fileName: string }[];
  appUrl: string;
  liffId: string;
  quietHours: string;
  accountName: string;
};

const EMOJI = ["📢", "⚠️", "🚨", "🌀", "☔", "🌡️", "🏥", "👶", "🎉", "🗓️", "♻️", "📍", "✅", "🙏", "😊"];

type DraftKind = "text" | "image" | "notice" | "disaster" | "event";
const DRAFT_KINDS: { value: DraftKind; label: string }[] = [
  { value: "text", label: "テキスト" },
  { value: "image", label: "画像" },
  { value: "notice", label: `Flex（${FLEX_TEMPLATES.notice.label}）` },
  { value: "disaster", label: `Flex（${FLEX_TEMPLATES.disaster.label}）` },
  { value: "event", label: `Flex（${FLEX_TEMPLATES.event.label}）` },
];

function newDraft(kind: DraftKind): MessageDraft {
  const none: FlexButtonDraft = { kind: "none" };
  switch (kind) {
    case "text":
      return { type: "text", text: "" };
    case "image":
      return { type: "image", imageId: "", alt: "" };
    case "notice":
      return { type: "flex", template: "notice", title: "", body: "", imageId: null, button: none };
    case "disaster":
      return { type: "flex", template: "disaster", level: "", title: "", area: "", body: "", button: { kind: "liff", label: "避難所を確認する", page: "disaster" } };
    case "event":
      return { type: "flex", template: "event", title: "", date: "", place: "", body: "", imageId: null, button: none };
  }
}

function previewOf(drafts: MessageDraft[], language: Language, context: { appUrl: string; liffId: string }): { messages: LineMessage[]; problems: string[] } {
  const messages: LineMessage[] = [];
  const problems: string[] = [];
  drafts.forEach((draft, i) => {
    try {
      messages.push(draftToLineMessage(draft, language, context));
    } catch (error) {
      problems.push(`${i + 1}通目（${templateLabel(draft)}）：${(error as Error).message}`);
    }
  });
  return { messages, problems };
}

function ImagePicker({ label, value, onChange, images, onUploaded }: { label: string; value: string | null; onChange(id: string | null): void; images: { id: string; fileName: string }[]; onUploaded(image: { id: string; fileName: string }): void }) {
  const id = useId();
  const [status, setStatus] = useState<string | null>(null);
  async function upload(file: File) {
    setStatus("アップロードしています…");
    const body = new FormData();
    body.set("file", file);
    const response = await fetch("/staff/broadcasts/images", { method: "POST", body });
    const json = (await response.json().catch(() => ({}))) as { image?: { id: string }; message?: string };
    if (!response.ok || !json.image) {
      setStatus(json.message ?? "アップロードできませんでした。");
      return;
    }
    onUploaded({ id: json.image.id, fileName: file.name });
    onChange(json.image.id);
    setStatus("アップロードしました。");
  }
  return (
    <fieldset className="mb-4">
      <legend className="mb-2 text-std-16B-170">{label}</legend>
      <label htmlFor={`${id}-file`} className="mb-1 block">
        画像ファイルをアップロード（JPEG・PNG、10MBまで。幅1024pxに縮小します）
      </label>
      <input id={`${id}-file`} type="file" accept="image/jpeg,image/png" className="mb-2 block" onChange={(event) => event.target.files?.[0] && void upload(event.target.files[0])} />
      {status ? (
        <p role="status" className="mb-2 text-std-16N-170">
          {status}
        </p>
      ) : null}
      <label htmlFor={`${id}-select`} className="mb-1 block">
        アップロード済みの画像から選ぶ
      </label>
      <select id={`${id}-select`} className="rounded-8 border border-solid-gray-600 px-3 py-2" value={value ?? ""} onChange={(event) => onChange(event.target.value || null)}>
        <option value="">（画像なし）</option>
        {images.map((image) => (
          <option key={image.id} value={image.id}>
            {image.fileName}
          </option>
        ))}
      </select>
      {value ? <img src={`/liff/images/${value}/preview.jpg`} alt="選んだ画像" className="mt-2 max-h-32 rounded-8 border border-solid-gray-420" /> : null}
    </fieldset>
  );
}

function ButtonFields({ button, onChange }: { button: FlexButtonDraft; onChange(button: FlexButtonDraft): void }) {
  return (
    <fieldset className="mb-2 rounded-8 border border-solid-gray-420 p-3">
      <legend className="px-1 text-std-16B-170">ボタン</legend>
      <Select
        label="ボタンの種類"
        value={button.kind}
        options={[
          { value: "none", label: "ボタンなし" },
          { value: "url", label: "ウェブページを開く" },
          { value: "liff", label: "LIFF ページ（LINE 内のサービス）を開く" },
        ]}
        onChange={(event) => {
          const kind = event.target.value;
          const label = button.kind === "none" ? "詳しく見る" : button.label;
          onChange(kind === "none" ? { kind: "none" } : kind === "url" ? { kind: "url", label, url: "https://" } : { kind: "liff", label, page: "register" });
        }}
      />
      {button.kind !== "none" ? <TextField label="ボタンの文言" value={button.label} maxLength={40} onChange={(e) => onChange({ ...button, label: e.target.value })} /> : null}
      {button.kind === "url" ? <TextField label="開くページの URL" type="url" value={button.url} onChange={(e) => onChange({ ...button, url: e.target.value })} hint="https:// で始まる URL" /> : null}
      {button.kind === "liff" ? (
        <Select label="開く LIFF ページ" value={button.page} options={LIFF_PAGES.map((p) => ({ value: p.value, label: p.label }))} onChange={(e) => onChange({ ...button, page: e.target.value })} />
      ) : null}
    </fieldset>
  );
}

function DraftFields({ draft, onChange, images, onUploaded }: { draft: MessageDraft; onChange(d: MessageDraft): void; images: { id: string; fileName: string }[]; onUploaded(image: { id: string; fileName: string }): void }) {
  const textId = useId();
  if (draft.type === "text") {
    const insert = (emoji: string) => {
      const el = document.getElementById(textId) as HTMLTextAreaElement | null;
      const at = el?.selectionStart ?? draft.text.length;
      onChange({ ...draft, text: draft.text.slice(0, at) + emoji + draft.text.slice(el?.selectionEnd ?? at) });
    };
    return (
      <>
        <TextArea id={textId} label="本文" required value={draft.text} onChange={(e) => onChange({ ...draft, text: e.target.value })} hint={`${draft.text.length} / ${MAX_TEXT} 文字`} />
        <div role="group" aria-label="絵文字を入れる" className="-mt-4 mb-4 flex flex-wrap gap-1">
          {EMOJI.map((emoji) => (
            <button key={emoji} type="button" className="min-h-9 min-w-9 rounded-6 border border-solid-gray-420 text-std-17N-170 hover:bg-blue-50" onClick={() => insert(emoji)} aria-label={`絵文字 ${emoji} を入れる`}>
              {emoji}
            </button>
          ))}
        </div>
      </>
    );
  }
  if (draft.type === "image") {
    return (
      <>
        <ImagePicker label="画像" value={draft.imageId || null} onChange={(imageId) => onChange({ ...draft, imageId: imageId ?? "" })} images={images} onUploaded={onUploaded} />
        <TextField label="画像の説明（管理用・任意）" value={draft.alt} onChange={(e) => onChange({ ...draft, alt: e.target.value })} maxLength={100} />
      </>
    );
  }
  if (draft.template === "notice") {
    return (
      <>
        <TextField label="見出し" required value={draft.title} maxLength={60} onChange={(e) => onChange({ ...draft, title: e.target.value })} />
        <TextArea label="本文" required value={draft.body} maxLength={1000} onChange={(e) => onChange({ ...draft, body: e.target.value })} />
        <ImagePicker label="上部の画像（任意）" value={draft.imageId} onChange={(imageId) => onChange({ ...draft, imageId })} images={images} onUploaded={onUploaded} />
        <ButtonFields button={draft.button} onChange={(button) => onChange({ ...draft, button })} />
      </>
    );
  }
  if (draft.template === "disaster") {
    return (
      <>
        <TextField label="種別・警戒レベル" required value={draft.level} maxLength={40} hint="例：警戒レベル4 避難指示" onChange={(e) => onChange({ ...draft, level: e.target.value })} />
        <TextField label="見出し" required value={draft.title} maxLength={60} onChange={(e) => onChange({ ...draft, title: e.target.value })} />
        <TextField label="対象地区" required value={draft.area} maxLength={100} onChange={(e) => onChange({ ...draft, area: e.target.value })} />
        <TextArea label="本文" required value={draft.body} maxLength={1000} onChange={(e) => onChange({ ...draft, body: e.target.value })} />
        <ButtonFields button={draft.button} onChange={(button) => onChange({ ...draft, button })} />
      </>
    );
  }
  return (
    <>
      <TextField label="イベント名" required value={draft.title} maxLength={60} onChange={(e) => onChange({ ...draft, title: e.target.value })} />
      <TextField label="日時" required value={draft.date} maxLength={60} onChange={(e) => onChange({ ...draft, date: e.target.value })} />
      <TextField label="会場" required value={draft.place} maxLength={60} onChange={(e) => onChange({ ...draft, place: e.target.value })} />
      <TextArea label="本文（任意）" value={draft.body} maxLength={1000} onChange={(e) => onChange({ ...draft, body: e.target.value })} />
      <ImagePicker label="上部の画像（任意）" value={draft.imageId} onChange={(imageId) => onChange({ ...draft, imageId })} images={images} onUploaded={onUploaded} />
      <ButtonFields button={draft.button} onChange={(button) => onChange({ ...draft, button })} />
    </>
  );
}

export function BroadcastComposer(props: ComposerProps) {
  const [state, formAction, pending] = useActionState(props.action, IDLE);
  const [value, setValue] = useState<ComposerValue>(props.initial);
  const [language, setLanguage] = useState<Language>("ja");
  const [kindToAdd, setKindToAdd] = useState<DraftKind>("text");
  const [images, setImages] = useState(props.images);
  const ids = useId();
  const languages = LANGUAGE_CODES.filter((code) => value.variants[code]);
  const drafts = value.variants[language] ?? [];
  const preview = useMemo(() => previewOf(drafts, language, { appUrl: props.appUrl, liffId: props.liffId }), [drafts, language, props.appUrl, props.liffId]);
  const setDrafts = (next: MessageDraft[]) => setValue({ ...value, variants: { ...value.variants, [language]: next } });
  const payload = JSON.stringify({
    title: value.title,
    segmentId: value.segmentId,
    content: { variants: value.variants },
    schedule: value.schedule,
    notificationDisabled: value.notificationDisabled,
    sendDuringQuietHours: value.sendDuringQuietHours,
  });
  const missing = LANGUAGE_CODES.filter((code) => !value.variants[code]);
  const recurrence: Recurrence = value.schedule.kind === "RECURRING" ? value.schedule.recurrence : { frequency: "weekly", time: "09:00", weekday: 1, dayOfMonth: null, until: null };
  const setRecurrence = (next: Partial<Recurrence>) => setValue({ ...value, schedule: { kind: "RECURRING", recurrence: { ...recurrence, ...next } } });

  return (
    <form action={formAction} noValidate>
      {state.status === "error" ? (
        <Alert tone="error" live title={state.message}>
          {Object.entries(state.errors ?? {}).map(([field, messages]) => (
            <span key={field} className="block">
              {messages?.[0]}
            </span>
          ))}
        </Alert>
      ) : null}
      {props.broadcastId ? <input type="hidden" name="broadcastId" value={props.broadcastId} /> : null}
      <input type="hidden" name="payload" value={payload} />

      <TextField label="件名（管理用）" required value={value.title} maxLength={100} hint="住民には表示されません。一覧や承認の画面で使います。" onChange={(e) => setValue({ ...value, title: e.target.value })} error={state.errors?.title} />

      <section aria-labelledby={`${ids}-target`} className="mb-8">
        <h2 id={`${ids}-target`} className="mb-3 text-std-20B-150">
          だれに送るか
        </h2>
        <Select
          label="配信先"
          value={value.segmentId ?? ""}
          options={[{ value: "", label: "友だち全員（ブロック中の方を除く）" }, ...props.segments.map((s) => ({ value: s.id, label: `セグメント：${s.name}` }))]}
          hint={value.segmentId ? props.segments.find((s) => s.id === value.segmentId)?.description : "住民登録をしていない方も含みます。"}
          onChange={(e) => setValue({ ...value, segmentId: e.target.value || null })}
        />
        <TargetCount segmentId={value.segmentId} />
      </section>

      <section aria-labelledby={`${ids}-messages`} className="mb-8">
        <h2 id={`${ids}-messages`} className="mb-3 text-std-20B-150">
          メッセージ
        </h2>
        <p className="mb-3 text-std-16N-170 text-solid-gray-600">日本語は必須です。ほかの言語を登録した住民には、その言語のメッセージがあればそれを、なければ日本語を送ります。</p>
        <div className="mb-4 flex flex-wrap items-end gap-2">
          <div role="group" aria-label="編集する言語" className="flex flex-wrap gap-2">
            {languages.map((code) => (
              <Button key={code} size="sm" variant={code === language ? "primary" : "secondary"} aria-pressed={code === language} onClick={() => setLanguage(code)}>
                {LANGUAGE_LABELS_JA[code]}
                {code === "ja" ? "（必須）" : ""}
              </Button>
            ))}
          </div>
          {missing.length > 0 ? (
            <AddLanguage
              missing={missing}
              onAdd={(code) => {
                setValue({ ...value, variants: { ...value.variants, [code]: structuredClone(value.variants.ja ?? [newDraft("text")]) } });
                setLanguage(code);
              }}
            />
          ) : null}
        </div>
        <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_380px]">
          <div>
            <h3 className="mb-3 text-std-17B-170">
              {LANGUAGE_LABELS_JA[language]}のメッセージ（{drafts.length} / {MAX_MESSAGES} 通）
            </h3>
            {language !== "ja" ? (
              <div className="mb-4 flex flex-wrap gap-2">
                <Button size="sm" variant="secondary" onClick={() => setDrafts(structuredClone(value.variants.ja ?? []))}>
                  日本語の内容をコピーする
                </Button>
                <Button
                  size="sm"
                  variant="tertiary"
                  onClick={() => {
                    const variants = { ...value.variants };
                    delete variants[language];
                    setValue({ ...value, variants });
                    setLanguage("ja");
                  }}
                >
                  {LANGUAGE_LABELS_JA[language]}をやめる
                </Button>
              </div>
            ) : null}
            {drafts.map((draft, i) => (
              <fieldset key={`${language}-${i}`} className="mb-4 rounded-12 border-2 border-solid-gray-420 p-4">
                <legend className="px-1 text-std-17B-170">
                  {i + 1}通目：{templateLabel(draft)}
                </legend>
                <DraftFields
                  draft={draft}
                  images={images}
                  onUploaded={(image) => setImages([image, ...images])}
                  onChange={(next) => setDrafts(drafts.map((d, j) => (j === i ? next : d)))}
                />
                <div className="flex flex-wrap gap-2">
                  <Button size="sm" variant="tertiary" disabled={i === 0} onClick={() => setDrafts(drafts.map((d, j) => (j === i - 1 ? drafts[i]! : j === i ? drafts[i - 1]! : d)))}>
                    上へ<span className="sr-only">（{i + 1}通目）</span>
                  </Button>
                  <Button size="sm" variant="tertiary" disabled={i === drafts.length - 1} onClick={() => setDrafts(drafts.map((d, j) => (j === i + 1 ? drafts[i]! : j === i ? drafts[i + 1]! : d)))}>
                    下へ<span className="sr-only">（{i + 1}通目）</span>
                  </Button>
                  <Button size="sm" variant="tertiary" disabled={drafts.length === 1} onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>
                    削除<span className="sr-only">（{i + 1}通目）</span>
                  </Button>
                </div>
              </fieldset>
            ))}
            {drafts.length < MAX_MESSAGES ? (
              <div className="flex flex-wrap items-end gap-2">
                <Select label="追加するメッセージ" value={kindToAdd} options={DRAFT_KINDS} onChange={(e) => setKindToAdd(e.target.value as DraftKind)} className="mb-0" />
                <Button variant="secondary" onClick={() => setDrafts([...drafts, newDraft(kindToAdd)])}>
                  メッセージを追加
                </Button>
              </div>
            ) : null}
          </div>
          <div className="xl:sticky xl:top-4 xl:self-start">
            <h3 className="mb-3 text-std-17B-170">プレビュー（{LANGUAGE_LABELS_JA[language]}）</h3>
            {preview.problems.length > 0 ? (
              <Alert tone="warning" title="LINE の制限を満たしていないメッセージがあります">
                {preview.problems.map((p) => (
                  <span key={p} className="block">
                    {p}
                  </span>
                ))}
              </Alert>
            ) : null}
            <LinePreview messages={preview.messages} title={props.accountName} />
          </div>
        </div>
      </section>

      <section aria-labelledby={`${ids}-when`} className="mb-8">
        <h2 id={`${ids}-when`} className="mb-3 text-std-20B-150">
          いつ送るか
        </h2>
        <fieldset className="mb-4">
          <legend className="mb-2 text-std-17B-170">送るタイミング</legend>
          {(
            [
              { kind: "NOW", label: "承認されたらすぐ" },
              { kind: "AT", label: "日時を指定" },
              { kind: "RECURRING", label: "繰り返し（毎日・毎週・毎月）" },
            ] as const
          ).map((option) => (
            <div key={option.kind} className="mb-1 flex items-center gap-3">
              <input
                id={`${ids}-when-${option.kind}`}
                type="radio"
                name={`${ids}-when`}
                className="size-6 accent-blue-900"
                checked={value.schedule.kind === option.kind}
                onChange={() =>
                  setValue({
                    ...value,
                    schedule: option.kind === "NOW" ? { kind: "NOW" } : option.kind === "AT" ? { kind: "AT", at: "" } : { kind: "RECURRING", recurrence },
                  })
                }
              />
              <label htmlFor={`${ids}-when-${option.kind}`}>{option.label}</label>
            </div>
          ))}
        </fieldset>
        {value.schedule.kind === "AT" ? (
          <TextField label="配信日時" type="datetime-local" value={value.schedule.at} onChange={(e) => setValue({ ...value, schedule: { kind: "AT", at: e.target.value } })} hint="日本時間" />
        ) : null}
        {value.schedule.kind === "RECURRING" ? (
          <div className="grid gap-x-4 sm:grid-cols-2">
            <Select
              label="頻度"
              value={recurrence.frequency}
              options={[
                { value: "daily", label: "毎日" },
                { value: "weekly", label: "毎週" },
                { value: "monthly", label: "毎月" },
              ]}
              onChange={(e) => {
                const frequency = e.target.value as Recurrence["frequency"];
                setRecurrence({ frequency, weekday: frequency === "weekly" ? (recurrence.weekday ?? 1) : null, dayOfMonth: frequency === "monthly" ? (recurrence.dayOfMonth ?? 1) : null });
              }}
            />
            <TextField label="時刻" type="time" value={recurrence.time} onChange={(e) => setRecurrence({ time: e.target.value })} />
            {recurrence.frequency === "weekly" ? (
              <Select label="曜日" value={String(recurrence.weekday ?? 1)} options={WEEKDAY_LABELS.map((label, i) => ({ value: String(i), label }))} onChange={(e) => setRecurrence({ weekday: Number(e.target.value) })} />
            ) : null}
            {recurrence.frequency === "monthly" ? (
              <Select label="日にち" value={String(recurrence.dayOfMonth ?? 1)} options={Array.from({ length: 31 }, (_, i) => ({ value: String(i + 1), label: `${i + 1}日` }))} hint="ない日（2月30日など）は月末に送ります。" onChange={(e) => setRecurrence({ dayOfMonth: Number(e.target.value) })} />
            ) : null}
            <TextField label="終了日（任意）" type="date" value={recurrence.until ?? ""} onChange={(e) => setRecurrence({ until: e.target.value || null })} />
          </div>
        ) : null}
        <fieldset className="mb-6">
          <legend className="mb-2 text-std-17B-170">オプション</legend>
          <div className="mb-2 flex items-start gap-3">
            <input id={`${ids}-silent`} type="checkbox" className="mt-1 size-6 accent-blue-900" checked={value.notificationDisabled} onChange={(e) => setValue({ ...value, notificationDisabled: e.target.checked })} />
            <label htmlFor={`${ids}-silent`}>通知しない（プッシュ通知を鳴らさずに届けます）</label>
          </div>
          <div className="flex items-start gap-3">
            <input
              id={`${ids}-quiet`}
              type="checkbox"
              className="mt-1 size-6 accent-blue-900"
              checked={value.sendDuringQuietHours}
              aria-describedby={`${ids}-quiet-desc`}
              onChange={(e) => setValue({ ...value, sendDuringQuietHours: e.target.checked })}
            />
            <label htmlFor={`${ids}-quiet`}>
              配信停止時間帯（{props.quietHours}）でも送る
              <span id={`${ids}-quiet-desc`} className="block text-dns-14N-130 text-solid-gray-600">
                停止時間帯に当たる配信は、通常は時間帯が終わるまで保留します。防災アラートは常にすぐ送ります。
              </span>
            </label>
          </div>
        </fieldset>
      </section>

      <Button type="submit" disabled={pending}>
        {pending ? "保存しています…" : "下書きを保存する"}
      </Button>
      <p className="mt-2 text-std-16N-170 text-solid-gray-600">保存したあと、配信の画面でテスト送信や承認の依頼ができます。</p>
    </form>
  );
}

function AddLanguage({ missing, onAdd }: { missing: Language[]; onAdd(code: Language): void }) {
  const [choice, setChoice] = useState<Language>(missing[0]!);
  const current = missing.includes(choice) ? choice : missing[0]!;
  return (
    <div className="flex items-end gap-2">
      <Select label="言語を追加" value={current} options={missing.map((code) => ({ value: code, label: LANGUAGE_LABELS_JA[code] }))} onChange={(e) => setChoice(e.target.value as Language)} className="mb-0" />
      <Button size="sm" variant="secondary" onClick={() => onAdd(current)}>
        追加
      </Button>
    </div>
  );
}

function TargetCount({ segmentId }: { segmentId: string | null }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setText(null);
    const params = new URLSearchParams(segmentId ? { segmentId } : {});
    fetch(`/staff/segments/count?${params}`, { cache: "no-store", signal: controller.signal })
      .then((r) => r.json())
      .then((body: { count?: number }) => setText(typeof body.count === "number" ? `${new Intl.NumberFormat("ja-JP").format(body.count)}人` : "—"))
      .catch(() => undefined);
    return () => controller.abort();
  }, [segmentId]);
  return (
    <p className="-mt-4 mb-2 text-std-16N-170" aria-live="polite">
      今日時点の配信対象：<span className="font-bold" data-testid="target-count">{text ?? "数えています…"}</span>
    </p>
  );
}
