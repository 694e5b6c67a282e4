// /staff/content/flex-templates/new
import { requireStaff } from "@/lib/auth/staff-access";
import { PageHeader } from "@/components/staff/page-header";
import { TextLink } from "@/components/ui/text-link";
import { FlexTemplateForm } from "../template-form";
import { saveFlexTemplateAction } from "../../actions";

export const metadata = { title: "Flex テンプレートの追加" };

const EXAMPLE = JSON.stringify(
  {
    type: "bubble",
    body: {
      type: "box",
      layout: "vertical",
      contents: [
        { type: "text", text: "見出し", weight: "bold", size: "lg", wrap: true },
        { type: "text", text: "本文をここに書きます。", size: "sm", wrap: true, margin: "md" },
      ],
    },
    footer: { type: "box", layout: "vertical", contents: [{ type: "button", style: "primary", action: { type: "uri", label: "詳しく見る", uri: "https://example.jp/" } }] },
  },
  null,
  2,
);

export default async function NewFlexTemplatePage() {
  await requireStaff("content.edit");
  return (
    <>
      <PageHeader title="Flex テンプレートの追加" description={<TextLink href="/staff/content/flex-templates">Flex テンプレートの一覧に戻る</TextLink>} />
      <FlexTemplateForm initial={{ name: "", altText: "", contents: EXAMPLE }} action={saveFlexTemplateAction} />
    </>
  );
}
