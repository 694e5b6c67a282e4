// Kairan's own chat actions (registered like any feature's, lib/webhook/registry.ts).
import { registerPostbackHandler } from "@/lib/webhook/registry";
import { contactInstructionsMessage } from "@/lib/webhook/replies";
import { officeHoursNow } from "@/lib/webhook/handlers/text";

/** action=contact — the rich menu's 「相談する」: how to ask a question in the chat. */
registerPostbackHandler("contact", async (ctx) => ({ outcome: "instructions", messages: [contactInstructionsMessage(officeHoursNow(ctx.now).hours)] }));
