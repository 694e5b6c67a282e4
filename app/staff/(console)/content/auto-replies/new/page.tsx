// /staff/content/auto-replies/new — a new auto-reply rule.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { PageHeader } from "@/components/staff/page-header";
import { TextLink } from "@/components/ui/text-link";
import { RuleForm } from "../rule-form";
import { ruleFormValues } from "../rule-values";
import { saveAutoReplyRuleAction } from "../../actions";

export const metadata = { title: "自動応答の追加" };

export default async function NewAutoReplyPage() {
  await requireStaff("content.edit");
  const flexTemplates = await db.flexTemplate.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
  return (
    <>
      <PageHeader title="自動応答の追加" description={<TextLink href="/staff/content/auto-replies">自動応答の一覧に戻る</TextLink>} />
      <RuleForm initial={ruleFormValues(null)} flexTemplates={flexTemplates} action={saveAutoReplyRuleAction} />
    </>
  );
}
