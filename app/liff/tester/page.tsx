// /liff/tester?code=… — a staff member links their own LINE account to receive test sends.
import { TesterLink } from "@/components/liff/tester-link";

export const metadata = { title: "テスト送信先の登録（職員用）" };

export default function TesterPage() {
  return (
    <>
      <h1 className="mb-4 text-std-24B-150">テスト送信先の登録（職員用）</h1>
      <TesterLink />
    </>
  );
}
