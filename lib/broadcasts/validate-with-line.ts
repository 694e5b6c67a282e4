// LINE's own verdict before approval: the validate endpoint for multicast (POST
// /v2/bot/message/validate/multicast) with every language's messages. Our builders already refuse
// what we know LINE rejects; this catches what we do not know (FACTS.md §6: Flex size limits …).
import { classifyLineError } from "@/lib/line/errors";
import { getMessagingApiClient } from "@/lib/line/clients";
import { AppError } from "@/lib/errors";
import { LANGUAGE_LABELS_JA, type Language } from "@/lib/registration/options";
import type { BroadcastContent } from "@/lib/broadcasts/content";
import { buildLineMessages } from "@/lib/broadcasts/line-messages";
import { lineMessageContext } from "@/lib/broadcasts/message-context";
import type { LineValidator } from "@/lib/broadcasts/manage-broadcasts";

export const validateWithLine: LineValidator = async (content: BroadcastContent) => {
  const messages = buildLineMessages(content, lineMessageContext());
  const problems: string[] = [];
  for (const [language, list] of Object.entries(messages) as [Language, NonNullable<(typeof messages)[Language]>][]) {
    try {
      await getMessagingApiClient().validateMulticast({ messages: list });
    } catch (error) {
      const outcome = classifyLineError(error);
      if (outcome.kind !== "rejected") {
        throw new AppError("UPSTREAM", {
          message: `validate/multicast failed: ${JSON.stringify(outcome)}`,
          userMessage: "LINE の検証窓口に接続できませんでした。しばらく待ってから、もう一度お試しください。",
          cause: error,
        });
      }
      const details = outcome.details.map((d) => `${d.property ?? ""} ${d.message ?? ""}`.trim()).join("、");
      problems.push(`${LANGUAGE_LABELS_JA[language]}：${outcome.message}${details ? `（${details}）` : ""}`);
    }
  }
  if (problems.length > 0) {
    throw new AppError("INVALID_INPUT", { userMessage: `LINE がメッセージを受け付けませんでした。内容を直してください。${problems.join(" / ")}` });
  }
};
