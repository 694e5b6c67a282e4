import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "@fontsource/noto-sans-jp/400.css";
import "@fontsource/noto-sans-jp/700.css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Kairan（回覧）", template: "%s | Kairan（回覧）" },
  description: "自治体の LINE 公式アカウントを運用するためのオープンソースシステム",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: the CSP nonce (proxy.ts) must be in each page's scripts.
  await connection();
  return (
    <html lang="ja">
      <body className="min-h-dvh bg-white antialiased">{children}</body>
    </html>
  );
}
