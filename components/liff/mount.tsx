// Starts a LIFF page in the browser (components/liff/entries/*): reads the configuration the server
// put in the page (lib/liff/shell.ts), starts LIFF once (<LiffProvider>) and renders the page into
// the shell's #liff-root, replacing its "読み込んでいます…".
import { StrictMode, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { LiffProvider } from "@/components/liff/liff-provider";
import type { LiffConfig } from "@/lib/liff/client";
import { LIFF_CONFIG_ID, LIFF_ROOT_ID } from "@/lib/liff/pages";

export function mountLiffPage(page: ReactNode): void {
  const root = document.getElementById(LIFF_ROOT_ID);
  const configScript = document.getElementById(LIFF_CONFIG_ID);
  if (!root || !configScript?.textContent) throw new Error("LIFF shell is missing #liff-root or #liff-config");
  const config = JSON.parse(configScript.textContent) as LiffConfig;
  createRoot(root).render(
    <StrictMode>
      <LiffProvider config={config}>{page}</LiffProvider>
    </StrictMode>,
  );
}
