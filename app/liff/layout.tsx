// The LIFF shell (/liff/**): mobile-first pages that open inside LINE, on the same DADS look as the
// staff console. LIFF starts once here (components/liff/liff-provider.tsx) for every LIFF page.
import type { Metadata } from "next";
import { db } from "@/lib/db";
import { liffClientConfig } from "@/lib/liff/config";
import { LiffProvider } from "@/components/liff/liff-provider";

export const metadata: Metadata = { title: { default: "LINE サービス", template: "%s" } };

export default async function LiffLayout({ children }: { children: React.ReactNode }) {
  const municipality = await db.municipality.findUnique({ where: { id: 1 }, select: { name: true } });
  return (
    <div className="min-h-dvh bg-solid-gray-50">
      <header className="bg-blue-900 px-4 py-3 text-white">
        <p className="mx-auto max-w-xl text-std-16B-170">{municipality?.name ?? "Kairan"} LINE 公式アカウント</p>
      </header>
      <main id="main" className="mx-auto max-w-xl bg-white px-4 pb-16 pt-6">
        <LiffProvider config={liffClientConfig()}>{children}</LiffProvider>
      </main>
    </div>
  );
}
