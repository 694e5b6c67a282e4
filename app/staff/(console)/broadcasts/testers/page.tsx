// /staff/broadcasts/testers — link one's own LINE account to receive test sends; who is linked.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { findTesters } from "@/lib/broadcasts/testers";
import { formatDateTime } from "@/lib/format";
import { PageHeader } from "@/components/staff/page-header";
import { TesterCodeForm } from "@/components/broadcasts/broadcast-actions";
import { Table } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { issueTesterCodeAction, unlinkTesterAction } from "../actions";

export const metadata = { title: "テスト送信先" };

export default async function TestersPage() {
  const staff = await requireStaff("broadcasts.draft");
  const testers = await findTesters(db);
  const mine = testers.find((t) => t.staffId === staff.id);
  return (
    <>
      <p className="mb-2">
        <TextLink href="/staff/broadcasts">‹ 配信の一覧</TextLink>
      </p>
      <PageHeader
        title="テスト送信先"
        description="配信の内容を、住民に送る前に職員自身の LINE で確認できます。LINE のユーザー ID を入力する必要はありません：発行したリンクを自分の LINE で開くと、その LINE アカウントが登録されます。"
      />
      <section aria-labelledby="mine-heading" className="mb-10">
        <h2 id="mine-heading" className="mb-3 text-std-20B-150">
          自分のテスト送信先
        </h2>
        <p className="mb-4">{mine ? `登録済み：${mine.displayName ?? "（名前なし）"}（${formatDateTime(mine.linkedAt)}）` : "まだ登録していません。"}</p>
        <TesterCodeForm action={issueTesterCodeAction} unlinkAction={unlinkTesterAction} linked={Boolean(mine)} />
      </section>
      <section aria-labelledby="all-heading">
        <h2 id="all-heading" className="mb-3 text-std-20B-150">
          登録されているテスト送信先
        </h2>
        <Table
          caption="テスト送信先"
          captionHidden
          rows={testers}
          rowKey={(t) => t.staffId}
          empty="まだありません。"
          columns={[
            { key: "staff", header: "職員", rowHeader: true, cell: (t) => t.staffName },
            { key: "line", header: "LINE の表示名", cell: (t) => t.displayName ?? "—" },
            { key: "linked", header: "登録日時", cell: (t) => formatDateTime(t.linkedAt) },
          ]}
        />
      </section>
    </>
  );
}
