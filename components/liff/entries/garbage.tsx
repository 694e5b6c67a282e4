// /liff/garbage — ごみの出し方を調べる: search as you type, the area's collection calendar and evening
// reminders. ?q= starts a search (links from the chat); ?tab=calendar|reminders scrolls there.
import { mountLiffPage } from "@/components/liff/mount";
import { LiffGarbage } from "@/components/garbage/liff-garbage";

const params = new URLSearchParams(window.location.search);
mountLiffPage(<LiffGarbage initialQuery={(params.get("q") ?? "").slice(0, 200)} initialTab={(params.get("tab") ?? "").slice(0, 20)} />);
