// /staff/content/auto-replies/edit?id=… — change or delete a rule.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { param, type SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { TextLink } from "@/components/ui/text-link";
import { RuleForm } from "../rule-form";
import { ruleFormValues } from "../rule-values";
import { DeleteButton } from "../delete-rule-button";
import { deleteAutoReplyRuleAction, saveAutoReplyRuleAction } from "../../actions";

export const metadata = { title: "自動応答の編集" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function EditAutoReplyPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("content.edit");
  const id = param(await searchParams, "id");
  const [rule, flexTemplates] = await Promise.all([
    id && UUID.test(id) ? db.autoReplyRule.findUnique({ where: { id } }) : null,
    db.flexTemplate.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  const back = <TextLink href="/staff/content/auto-replies">自動応答の一覧に戻る</TextLink>;
  if (!rule) {
    return (
      <>
        <PageHeader title="自動応答の編集" description={back} />
        <Alert tone="warning">{id ? "この自動応答は見つかりませんでした。" : "編集する自動応答が選ばれていません。"}一覧から選んでください。</Alert>
      </>
    );
  }
  return (
    <>
      <PageHeader title={`自動応答の編集：${rule.name}`} description={back} />
      <RuleForm initial={ruleFormValues(rule)} flexTemplates={flexTemplates} action={saveAutoReplyRuleAction} />
      <section aria-labelledby="delete-heading" className="mt-10 max-w-3xl border-t border-solid-gray-420 pt-6">
        <h2 id="delete-heading" className="mb-3 text-std-18B-160">
          削除
        </h2>
        <DeleteButton id={rule.id} name={rule.name} what="自動応答" action={deleteAutoReplyRuleAction} />
      </section>
    </>
  );
}
