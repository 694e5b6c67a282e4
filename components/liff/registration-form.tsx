"use client";
// The registration form (/liff/register): consent to the current terms, then 地区, birth year and
// month, gender, language, topics, disaster subscriptions and household. Uncontrolled fields read
// with FormData on submit (small and fast on phones); the server validates and answers per field.
import { useEffect, useState } from "react";
import { useLiff } from "@/components/liff/liff-provider";
import { LiffApiError } from "@/lib/liff/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ChoiceGroup, Select, TextField } from "@/components/ui/field";
import { DISASTER_CATEGORIES, GENDERS, LANGUAGES, TOPICS } from "@/lib/registration/options";
import { TERMS_SECTIONS, TERMS_TITLE } from "@/lib/registration/terms";

type Values = {
  districtId: number;
  birth: string | null;
  gender: string | null;
  language: string;
  topics: string[];
  disasterCategories: string[];
  disasterDistrictIds: number[];
  children: string[];
  due: string | null;
};
type Registration = { registered: boolean; needsConsent: boolean; consentVersion: string | null; termsVersion: string; values: Values | null };
type District = { id: number; name: string; schoolDistrict: string };
type Loaded = { registration: Registration; districts: District[] };

const MAX_CHILDREN = 6;

function readForm(form: HTMLFormElement, termsVersion: string) {
  const data = new FormData(form);
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === "string" && value !== "" ? value : null;
  };
  const districtId = Number(text("districtId") ?? 0);
  const extra = data.getAll("disasterDistrictIds").map(Number);
  return {
    consentVersion: data.get("consent") === "on" ? termsVersion : "",
    districtId,
    birth: text("birth"),
    gender: text("gender"),
    language: text("language") ?? "ja",
    topics: data.getAll("topics").map(String),
    disasterCategories: data.getAll("disasterCategories").map(String),
    // The home 地区 is always one of the disaster areas.
    disasterDistrictIds: [...new Set([districtId, ...extra].filter((id) => id > 0))],
    children: data.getAll("children").map(String).filter(Boolean),
    due: text("due"),
  };
}

export function RegistrationForm() {
  const { api } = useLiff();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [children, setChildren] = useState<string[]>([]);
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    api<Loaded>("registration").then(
      (data) => {
        setLoaded(data);
        setChildren(data.registration.values?.children ?? []);
      },
      (error: Error) => setLoadError(error.message),
    );
  }, [api]);

  if (loadError) return <Alert tone="error" live>{loadError}</Alert>;
  if (!loaded) return <p role="status">読み込んでいます…</p>;

  const { registration, districts } = loaded;
  const values = registration.values;
  const showTerms = !registration.registered || registration.needsConsent;

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    setErrors({});
    try {
      const result = await api<{ message: string; registration: Registration }>("registration", { method: "PUT", body: readForm(event.currentTarget, registration.termsVersion) });
      setLoaded({ registration: result.registration, districts });
      setMessage({ tone: "success", text: result.message });
      setVersion((v) => v + 1);
      window.scrollTo({ top: 0 });
    } catch (error) {
      const fieldErrors: Record<string, string> = {};
      if (error instanceof LiffApiError) for (const issue of error.issues) fieldErrors[issue.path.split(".")[0]!] ??= issue.message;
      setErrors(fieldErrors);
      setMessage({ tone: "error", text: error instanceof Error ? error.message : "保存できませんでした。" });
    } finally {
      setPending(false);
    }
  }

  async function withdraw() {
    setPending(true);
    setMessage(null);
    try {
      const result = await api<{ message: string; registration: Registration }>("registration", { method: "DELETE" });
      setLoaded({ registration: result.registration, districts });
      setChildren([]);
      setConfirmWithdraw(false);
      setVersion((v) => v + 1);
      setMessage({ tone: "success", text: result.message });
      window.scrollTo({ top: 0 });
    } catch (error) {
      setMessage({ tone: "error", text: error instanceof Error ? error.message : "削除できませんでした。" });
    } finally {
      setPending(false);
    }
  }

  const districtOptions = districts.map((d) => ({ value: String(d.id), label: `${d.name}（${d.schoolDistrict}）` }));
  return (
    <form onSubmit={submit} noValidate key={version}>
      {message ? (
        <Alert tone={message.tone} live>
          {message.text}
        </Alert>
      ) : null}
      {registration.needsConsent ? (
        <Alert tone="warning" title="利用規約が改定されました">
          内容を確認し、同意のうえで保存してください。同意するまで登録内容は変更できません。
        </Alert>
      ) : null}

      {showTerms ? (
        <section aria-labelledby="terms-heading" className="mb-6 rounded-12 border border-solid-gray-420 p-4">
          <h2 id="terms-heading" className="mb-2 text-std-17B-170">
            {TERMS_TITLE}
          </h2>
          <div className="max-h-60 overflow-y-auto text-std-16N-170" tabIndex={0} role="region" aria-label="利用規約の本文">
            {TERMS_SECTIONS.map((section) => (
              <div key={section.heading} className="mb-3">
                <h3 className="text-std-16B-170">{section.heading}</h3>
                {section.body.map((p) => (
                  <p key={p}>{p}</p>
                ))}
              </div>
            ))}
          </div>
          <p className="mt-2 text-dns-14N-130 text-solid-gray-600">第 {registration.termsVersion} 版</p>
          <div className="mt-3 flex items-start gap-3">
            <input id="consent" type="checkbox" name="consent" className="mt-1 size-6 shrink-0 accent-blue-900" aria-describedby={errors.consentVersion ? "consent-error" : undefined} />
            <label htmlFor="consent" className="text-std-16B-170">
              利用規約と個人情報の取り扱いに同意する
            </label>
          </div>
          {errors.consentVersion ? (
            <p id="consent-error" role="alert" className="mt-2 text-std-16B-170 text-error-1">
              {errors.consentVersion}
            </p>
          ) : null}
        </section>
      ) : (
        <input type="hidden" name="consent" value="on" />
      )}

      <Select
        label="お住まいの地区"
        name="districtId"
        required
        placeholder="選んでください"
        options={districtOptions}
        defaultValue={values?.districtId ? String(values.districtId) : ""}
        error={errors.districtId}
      />
      <TextField label="生年月（任意）" name="birth" type="month" hint="年齢にあわせたお知らせ（健診など）に使います。" defaultValue={values?.birth ?? ""} error={errors.birth} />
      <ChoiceGroup type="radio" name="gender" legend="性別（任意）" options={GENDERS.map((g) => ({ value: g.value, label: g.label }))} defaultValue={values?.gender ?? "UNANSWERED"} error={errors.gender} inline />
      <ChoiceGroup
        type="radio"
        name="language"
        legend="お知らせの言語 / Language"
        options={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
        defaultValue={values?.language ?? "ja"}
        hint="その言語のお知らせがないときは、日本語でお届けします。"
        error={errors.language}
      />
      <ChoiceGroup type="checkbox" name="topics" legend="関心のある分野" options={TOPICS.map((t) => ({ value: t.value, label: t.label }))} defaultValue={values?.topics ?? []} error={errors.topics} />

      <fieldset className="mb-6 rounded-12 border border-solid-gray-420 p-4">
        <legend className="px-1 text-std-17B-170">防災情報の受け取り</legend>
        <ChoiceGroup
          type="checkbox"
          name="disasterCategories"
          legend="受け取る防災情報"
          options={DISASTER_CATEGORIES.map((c) => ({ value: c.value, label: c.label }))}
          defaultValue={values?.disasterCategories ?? DISASTER_CATEGORIES.map((c) => c.value)}
          error={errors.disasterCategories}
        />
        <details className="mb-2">
          <summary className="cursor-pointer text-std-16B-170 text-blue-1000">お住まいの地区のほかに、防災情報を受け取る地区（職場・実家など）</summary>
          <ChoiceGroup
            type="checkbox"
            name="disasterDistrictIds"
            legend="防災情報を受け取る地区"
            className="mt-3"
            options={districts.map((d) => ({ value: String(d.id), label: d.name }))}
            defaultValue={(values?.disasterDistrictIds ?? []).filter((id) => id !== values?.districtId).map(String)}
            error={errors.disasterDistrictIds}
          />
        </details>
      </fieldset>

      <fieldset className="mb-6 rounded-12 border border-solid-gray-420 p-4">
        <legend className="px-1 text-std-17B-170">世帯（任意）</legend>
        <p className="mb-3 text-std-16N-170 text-solid-gray-600">子育てのお知らせ（健診・予防接種など）を、お子さまの月齢にあわせてお届けします。</p>
        {children.map((value, i) => (
          <div key={i} className="flex items-end gap-2">
            <TextField
              label={`お子さま ${i + 1} の生年月`}
              name="children"
              type="month"
              value={value}
              onChange={(event) => setChildren(children.map((c, j) => (j === i ? event.target.value : c)))}
              className="flex-1"
              error={i === 0 ? errors.children : undefined}
            />
            <Button variant="tertiary" size="sm" className="mb-6" onClick={() => setChildren(children.filter((_, j) => j !== i))}>
              削除<span className="sr-only">（お子さま {i + 1}）</span>
            </Button>
          </div>
        ))}
        {children.length < MAX_CHILDREN ? (
          <Button variant="secondary" size="sm" className="mb-6" onClick={() => setChildren([...children, ""])}>
            お子さまを追加
          </Button>
        ) : null}
        <TextField label="出産予定月" name="due" type="month" hint="妊娠中の方がいる場合に選んでください。" defaultValue={values?.due ?? ""} error={errors.due} />
      </fieldset>

      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "保存しています…" : registration.registered ? "変更を保存する" : "登録する"}
      </Button>

      {registration.registered ? (
        <section aria-labelledby="withdraw-heading" className="mt-10 border-t border-solid-gray-420 pt-6">
          <h2 id="withdraw-heading" className="mb-2 text-std-17B-170">
            登録の削除
          </h2>
          <p className="mb-3 text-std-16N-170">同意を取り消し、登録した内容をすべて削除します。</p>
          {confirmWithdraw ? (
            <div role="alertdialog" aria-labelledby="withdraw-confirm" className="rounded-12 border-2 border-error-2 bg-red-50 p-4">
              <p id="withdraw-confirm" className="mb-3 text-std-16B-170">
                本当に削除しますか？
              </p>
              <div className="flex flex-wrap gap-3">
                <Button variant="danger" disabled={pending} onClick={withdraw}>
                  削除する
                </Button>
                <Button variant="tertiary" onClick={() => setConfirmWithdraw(false)}>
                  やめる
                </Button>
              </div>
            </div>
          ) : (
            <Button variant="secondary" onClick={() => setConfirmWithdraw(true)}>
              登録を削除する
            </Button>
          )}
        </section>
      ) : null}
    </form>
  );
}
