/** A temporary password, shown once, with what to do with it. */
export function TemporaryPassword({ password }: { password: string }) {
  return (
    <div className="mb-6 rounded-12 border-2 border-warning-yellow-2 bg-yellow-50 p-5">
      <p className="mb-2 text-std-17B-170">仮パスワード（この画面を閉じると二度と表示されません）</p>
      <p className="mb-3">
        <output aria-label="仮パスワード" className="inline-block rounded-8 border border-solid-gray-600 bg-white px-4 py-2 font-mono text-std-20B-150 tracking-wider select-all">
          {password}
        </output>
      </p>
      <p className="text-std-16N-170">
        本人に安全な方法（対面や電話など、メール以外）で伝えてください。初回ログイン時に、本人が新しいパスワードを設定します。
      </p>
    </div>
  );
}
