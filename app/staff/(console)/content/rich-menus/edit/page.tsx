// /staff/content/rich-menus/edit?id=… — one rich menu: preview, publish to LINE, make it the
// default, retire, copy; drafts can be changed and deleted.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { AUDIENCE_LABELS } from "@/lib/rich-menus/manage";
import { LANGUAGE_LABELS } from "@/lib/residents/labels";
import { formatDateTime } from "@/lib/format";
import { param, type SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { StatusBadge } from "@/components/ui/status-badge";
import { TextLink } from "@/components/ui/text-link";
import { RichMenuPreview } from "@/components/line-preview";
import { RichMenuForm } from "../rich-menu-form";
import { MenuActionButton } from "../menu-actions";
import { imageDataUrl, menuFormValues, previewAreas, templateOptions } from "../menu-values";
import { deleteRichMenuAction, publishRichMenuAction, retireRichMenuAction, saveRichMenuAction, setDefaultRichMenuAction } from "../../actions";

export const metadata = { title: "リッチメニュー" };

const DONE: Record<string, string> = {
  published: "LINE に公開しました。対象の住民のメニューを順に切り替えています。",
  default: "既定のリッチメニューにしました。メニューが個別に設定されていない友だちに表示されます。",
  retired: "公開を終了しました。対象の住民には、次に合うメニューを表示します。",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function RichMenuPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("content.view");
  const params = await searchParams;
  const id = param(params, "id");
  const menu = id && UUID.test(id) ? await db.richMenu.findUnique({ where: { id } }) : null;
  const back = <TextLink href="/staff/content/rich-menus">リッチメニューの一覧に戻る</TextLink>;
  if (!menu) {
    return (
      <>
        <PageHeader title="リッチメニュー" description={back} />
        <Alert tone="warning">{id ? "このリッチメニューは見つかりませんでした。" : "リッチメニューが選ばれていません。"}一覧から選んでください。</Alert>
      </>
    );
  }
  const state = await db.richMenuState.findUnique({ where: { id: 1 } });
  const isDefault = state?.defaultMenuId === menu.id;
  const draft = !menu.lineRichMenuId;
  const canEdit = staff.can("content.edit");
  return (
    <>
      <PageHeader title={`リッチメニュー：${menu.name}`} description={back} />
      {param(params, "saved") ? <Alert tone="success" live>下書きを保存しました。内容を確認して、LINE に公開してください。</Alert> : null}
      {param(params, "done") && DONE[param(params, "done")!] ? (
        <Alert tone="success" live>
          {DONE[param(params, "done")!]}
        </Alert>
      ) : null}
      <div className="mb-10 grid gap-8 lg:grid-cols-[auto_minmax(0,1fr)]">
        <RichMenuPreview imageSrc={imageDataUrl(menu)} width={menu.width} height={menu.height} areas={previewAreas(menu)} chatBarText={menu.chatBarText} name={menu.name} />
        <div>
          <dl className="mb-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
            <dt className="font-bold">状態</dt>
            <dd className="flex flex-wrap gap-1">
              {menu.activeSlot ? <StatusBadge tone="success">公開中</StatusBadge> : draft ? <StatusBadge tone="warning">下書き</StatusBadge> : <StatusBadge tone="neutral">公開終了</StatusBadge>}
              {isDefault ? <StatusBadge tone="info">既定</StatusBadge> : null}
            </dd>
            <dt className="font-bold">表示する相手</dt>
            <dd>{AUDIENCE_LABELS[menu.audience]}</dd>
            <dt className="font-bold">言語</dt>
            <dd>{menu.language ? (LANGUAGE_LABELS[menu.language] ?? menu.language) : "すべて"}</dd>
            <dt className="font-bold">メニューバー</dt>
            <dd>{menu.chatBarText}</dd>
            <dt className="font-bold">公開日時</dt>
            <dd>{formatDateTime(menu.publishedAt)}</dd>
          </dl>
          {canEdit ? (
            <div className="flex flex-col items-start gap-4">
              {draft ? (
                <MenuActionButton
                  id={menu.id}
                  label="LINE に公開する"
                  variant="primary"
                  action={publishRichMenuAction}
                  confirm={{ title: `「${menu.name}」を公開しますか？`, message: `${AUDIENCE_LABELS[menu.audience]}${menu.language ? `（${LANGUAGE_LABELS[menu.language] ?? menu.language}）` : ""}向けの、いま公開中のメニューと入れ替わります。公開したメニューは変更できません。` }}
                />
              ) : null}
              {menu.activeSlot && !isDefault && menu.audience !== "DISASTER" ? (
                <MenuActionButton id={menu.id} label="既定のメニューにする" action={setDefaultRichMenuAction} />
              ) : null}
              {menu.activeSlot && !isDefault ? (
                <MenuActionButton id={menu.id} label="公開を終了する" action={retireRichMenuAction} confirm={{ title: `「${menu.name}」の公開を終了しますか？`, message: "このメニューを表示していた住民には、次に合うメニュー（なければ既定のメニュー）を表示します。" }} />
              ) : null}
              <LinkButton href={`/staff/content/rich-menus/new?from=${menu.id}`} variant="secondary">
                複製して編集する
              </LinkButton>
              {draft ? <MenuActionButton id={menu.id} label="下書きを削除する" variant="danger" action={deleteRichMenuAction} confirm={{ title: `「${menu.name}」を削除しますか？`, message: "削除した下書きは元に戻せません。" }} /> : null}
            </div>
          ) : null}
        </div>
      </div>
      {canEdit && draft ? (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading" className="mb-4 text-std-20B-150">
            下書きを変更する
          </h2>
          <RichMenuForm initial={menuFormValues(menu)} templates={templateOptions()} action={saveRichMenuAction} />
        </section>
      ) : null}
    </>
  );
}
