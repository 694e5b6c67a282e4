// /liff/register — residents register (or change, or delete) what they want to receive.
import { RegistrationForm } from "@/components/liff/registration-form";

export const metadata = { title: "登録内容の確認・変更" };

export default function RegisterPage() {
  return (
    <>
      <h1 className="mb-2 text-std-24B-150">登録内容の確認・変更</h1>
      <p className="mb-6 text-std-16N-170 text-solid-gray-600">登録した内容にあわせて、あなたに必要なお知らせをお届けします。</p>
      <RegistrationForm />
    </>
  );
}
