"use client";
// Create or edit an auto-reply rule. Nothing typed is lost after an error.
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox, ChoiceGroup, Select, TextArea, TextField } from "@/components/ui/field";
import { IDLE, type ActionState } from "@/lib/forms/action-state";

export type RuleFormValues = {
  id?: string;
  name: string;
  matchType: string;
  pattern: string;
  priority: string;
  active: boolean;
  activeFrom: string;
  activeUntil: string;
  hoursFrom: string;
  hoursUntil: string;
  weekdays: string[];
  replyText: string;
  flexTemplateId: string;
};

const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"];

export function RuleForm({ initial, flexTemplates, action }: { initial: RuleFormValues; flexTemplates: { id: string; name: string }[]; action: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const v = state.values;
  const text = (key: keyof RuleFormValues) => (typeof v?.[key] === "string" ? (v[key] as string) : String(initial[key] ?? ""));
  const list = (key: "weekdays") => (Array.isArray(v?.[key]) ? (v[key] as string[]) : initial[key]);
  const e = state.errors ?? {};
  return (
    <form action={formAction} className="max-w-3xl" noValidate key={JSON.stringify(v ?? {})}>
      {state.status === "error" && state.message ? (
        <Alert tone="error" live>
          {state.message}
        </Alert>
      ) : null}
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      <TextField label="ルールの名前" name="name" required defaultValue={text("name")} error={e.name} hint="職員が見分けるための名前です（住民には表示されません）。" />
      <ChoiceGroup
        type="radio"
        name="matchType"
        legend="一致のしかた"
        required
        defaultValue={text("matchType")}
        error={e.matchType}
        options={[
          { value: "EXACT", label: "完全一致", description: "メッセージ全体がキーワードと同じとき" },
          { value: "CONTAINS", label: "部分一致", description: "メッセージにキーワードが含まれるとき" },
          { value: "REGEX", label: "正規表現", description: "メッセージが正規表現に当てはまるとき（上級者向け）" },
        ]}
      />
      <TextArea
        label="キーワード"
        name="pattern"
        required
        rows={3}
        defaultValue={text("pattern")}
        error={e.pattern}
        hint="完全一致・部分一致は1行に1つ（どれかに当てはまれば応答）。全角・半角、大文字・小文字、前後の空白は区別しません。"
      />
      <TextField label="優先順位" name="priority" type="number" min={0} max={9999} required defaultValue={text("priority")} error={e.priority} hint="数字が小さいルールから順に調べ、最初に当てはまったルールで応答します。" className="max-w-48" />
      <Checkbox label="このルールを有効にする" name="active" defaultChecked={v ? v.active === "on" : initial.active} />
      <fieldset className="mb-6 rounded-8 border border-solid-gray-420 p-4">
        <legend className="px-1 text-std-17B-170">応答する期間と時間帯（空欄なら制限なし）</legend>
        <div className="grid gap-x-6 sm:grid-cols-2">
          <TextField label="開始日時" name="activeFrom" type="datetime-local" defaultValue={text("activeFrom")} error={e.activeFrom} />
          <TextField label="終了日時" name="activeUntil" type="datetime-local" defaultValue={text("activeUntil")} error={e.activeUntil} />
          <TextField label="時間帯の開始" name="hoursFrom" type="time" defaultValue={text("hoursFrom")} error={e.hoursFrom} hint="日本時間。終了が開始より早いときは日をまたぎます。" />
          <TextField label="時間帯の終了" name="hoursUntil" type="time" defaultValue={text("hoursUntil")} error={e.hoursUntil} />
        </div>
        <ChoiceGroup type="checkbox" name="weekdays" legend="曜日" hint="選ばなければ毎日です。" inline defaultValue={list("weekdays")} options={WEEKDAYS.map((label, i) => ({ value: String(i), label: `${label}曜日` }))} error={e.weekdays} />
      </fieldset>
      <TextArea label="返信の文章" name="replyText" rows={5} defaultValue={text("replyText")} error={e.replyText} hint="テキストで返信します。Flex テンプレートと両方設定すると、文章、Flex の順に2通送ります。" />
      <Select
        label="Flex テンプレート"
        name="flexTemplateId"
        placeholder="使わない"
        defaultValue={text("flexTemplateId")}
        error={e.flexTemplateId}
        options={flexTemplates.map((t) => ({ value: t.id, label: t.name }))}
        hint="カードやボタンのあるメッセージを返すときに選びます。テンプレートは「Flex テンプレート」の画面で作成します。"
      />
      <Button type="submit" disabled={pending}>
        {pending ? "保存しています…" : "保存する"}
      </Button>
    </form>
  );
}
