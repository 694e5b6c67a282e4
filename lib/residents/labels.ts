import type { FollowStatus, Gender } from "@/generated/prisma/enums";

export const FOLLOW_STATUS_LABELS: Record<FollowStatus, string> = { FOLLOWING: "友だち", BLOCKED: "ブロック中" };
export const GENDER_LABELS: Record<Gender, string> = { FEMALE: "女性", MALE: "男性", OTHER: "その他", UNANSWERED: "回答しない" };
export const LANGUAGE_LABELS: Record<string, string> = {
  ja: "日本語",
  "ja-easy": "やさしい日本語",
  en: "English",
  zh: "中文",
  ko: "한국어",
  vi: "Tiếng Việt",
  pt: "Português",
};
