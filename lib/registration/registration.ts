// Resident registration (the LIFF page /liff/register): what the resident sees of their own data,
// saving it with consent to the current terms, and withdrawing (consent and data). The resident is
// identified only by the LINE user id of a verified ID token (lib/liff/auth.ts), never by the client.
// Every change is audited with the resident as the actor.
import { z } from "@/lib/zod";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import { TERMS_VERSION } from "@/lib/registration/terms";
import {
  DISASTER_CATEGORY_CODES,
  GENDER_CODES,
  LANGUAGE_CODES,
  TOPIC_CODES,
  monthInputFromNumber,
  monthNumberFromInput,
  monthNumberInJapan,
  type Language,
} from "@/lib/registration/options";
import { MAX_CHILDREN } from "@/lib/segments/filter";

const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "年月を選んでください");

export const registrationInputSchema = z
  .object({
    /** The version of the terms the resident agreed to on this screen. */
    consentVersion: z.string(),
    districtId: z.number({ error: "お住まいの地区を選んでください" }).int().positive("お住まいの地区を選んでください"),
    birth: yearMonth.nullable(),
    gender: z.enum(GENDER_CODES).nullable(),
    language: z.enum(LANGUAGE_CODES),
    topics: z.array(z.enum(TOPIC_CODES)).max(TOPIC_CODES.length),
    disasterCategories: z.array(z.enum(DISASTER_CATEGORY_CODES)).max(DISASTER_CATEGORY_CODES.length),
    disasterDistrictIds: z.array(z.number().int().positive()).max(30, "防災情報の地区は30まで選べます"),
    children: z.array(yearMonth).max(MAX_CHILDREN, `お子さまは${MAX_CHILDREN}人まで登録できます`),
    due: yearMonth.nullable(),
  })
  .refine((r) => r.consentVersion === TERMS_VERSION, { message: "利用規約と個人情報の取り扱いに同意してください", path: ["consentVersion"] });
export type RegistrationInput = z.infer<typeof registrationInputSchema>;

/** What the form shows: the resident's current registration (or nothing yet). */
export type RegistrationView = {
  registered: boolean;
  /** Registered under older terms: must consent again before saving anything. */
  needsConsent: boolean;
  consentVersion: string | null;
  termsVersion: string;
  values: Omit<RegistrationInput, "consentVersion"> | null;
};

function residentActor(lineUserId: string): AuditActor {
  return { id: null, label: `住民本人（LINE ${lineUserId.slice(0, 9)}…）` };
}

export async function getRegistration(db: Db, lineUserId: string): Promise<RegistrationView> {
  const resident = await db.resident.findUnique({ where: { lineUserId } });
  const registered = Boolean(resident?.registeredAt);
  return {
    registered,
    needsConsent: registered && resident?.consentVersion !== TERMS_VERSION,
    consentVersion: resident?.consentVersion ?? null,
    termsVersion: TERMS_VERSION,
    values:
      resident && registered
        ? {
            districtId: resident.districtId ?? 0,
            birth: resident.birthYear && resident.birthMonth ? `${resident.birthYear}-${String(resident.birthMonth).padStart(2, "0")}` : null,
            gender: resident.gender,
            language: (LANGUAGE_CODES as readonly string[]).includes(resident.preferredLanguage) ? (resident.preferredLanguage as Language) : "ja",
            topics: (resident.topics ?? []).filter((t): t is RegistrationInput["topics"][number] => (TOPIC_CODES as readonly string[]).includes(t)),
            disasterCategories: (resident.disasterCategories ?? []).filter((c): c is RegistrationInput["disasterCategories"][number] => (DISASTER_CATEGORY_CODES as readonly string[]).includes(c)),
            disasterDistrictIds: resident.disasterDistrictIds ?? [],
            children: (resident.childBirthMonths ?? []).map(monthInputFromNumber),
            due: resident.dueMonth === null ? null : monthInputFromNumber(resident.dueMonth),
          }
        : null,
  };
}

export type SaveRegistrationResult = { residentId: string; firstTime: boolean; languageChanged: boolean };

export async function saveRegistration(
  db: Db,
  options: { lineUserId: string; displayName: string | null; input: RegistrationInput; now?: Date },
): Promise<SaveRegistrationResult> {
  const input = registrationInputSchema.parse(options.input);
  const now = options.now ?? new Date();
  const districtIds = [...new Set([input.districtId, ...input.disasterDistrictIds])];
  const found = await db.district.count({ where: { id: { in: districtIds } } });
  if (found !== districtIds.length) throw new AppError("INVALID_INPUT", { userMessage: "地区の選択が正しくありません。画面を開き直して、もう一度選んでください。" });
  const birth = input.birth ? monthNumberFromInput(input.birth)! : null;
  const thisMonth = monthNumberInJapan(now);
  if (birth !== null && (birth > thisMonth || birth < 1900 * 12)) throw new AppError("INVALID_INPUT", { userMessage: "生年月を確認してください。" });
  const children = [...new Set(input.children.map((c) => monthNumberFromInput(c)!))].sort((a, b) => a - b);
  if (children.some((c) => c > thisMonth || c < thisMonth - 12 * 30)) throw new AppError("INVALID_INPUT", { userMessage: "お子さまの生年月を確認してください。" });
  const due = input.due ? monthNumberFromInput(input.due)! : null;
  if (due !== null && (due < thisMonth - 1 || due > thisMonth + 11)) throw new AppError("INVALID_INPUT", { userMessage: "出産予定月は、今月から1年以内で選んでください。" });

  const data = {
    districtId: input.districtId,
    birthYear: birth === null ? null : Math.floor(birth / 12),
    birthMonth: birth === null ? null : (birth % 12) + 1,
    gender: input.gender,
    preferredLanguage: input.language,
    topics: [...new Set(input.topics)],
    disasterCategories: [...new Set(input.disasterCategories)],
    disasterDistrictIds: [...new Set(input.disasterDistrictIds)],
    childBirthMonths: children,
    dueMonth: due,
    consentVersion: TERMS_VERSION,
    consentedAt: now,
  };
  return db.$transaction(async (tx) => {
    const before = await tx.resident.findUnique({ where: { lineUserId: options.lineUserId } });
    const firstTime = !before?.registeredAt;
    // A resident the webhook has not recorded yet (their follow event is still on its way) is created
    // here as a friend; the follow handler keeps the row it finds.
    const resident = before
      ? await tx.resident.update({ where: { id: before.id }, data: { ...data, registeredAt: before.registeredAt ?? now, displayName: before.displayName ?? options.displayName } })
      : await tx.resident.create({ data: { ...data, lineUserId: options.lineUserId, displayName: options.displayName, registeredAt: now } });
    await writeAudit(tx, {
      actor: residentActor(options.lineUserId),
      action: firstTime ? "registration.register" : "registration.update",
      target: { type: "resident", id: resident.id },
      // What changed, not the values (personal data stays out of the log).
      summary: {
        consentVersion: TERMS_VERSION,
        fields: Object.keys(data).filter((key) => JSON.stringify((before as Record<string, unknown> | null)?.[key]) !== JSON.stringify((data as Record<string, unknown>)[key])),
      },
    });
    return { residentId: resident.id, firstTime, languageChanged: before?.preferredLanguage !== input.language };
  });
}

/** Withdraws consent and deletes the registration (the resident stays a friend: everyone-broadcasts still arrive). */
export async function withdrawRegistration(db: Db, options: { lineUserId: string }): Promise<{ residentId: string } | null> {
  return db.$transaction(async (tx) => {
    const resident = await tx.resident.findUnique({ where: { lineUserId: options.lineUserId } });
    if (!resident?.registeredAt) return null;
    await tx.resident.update({
      where: { id: resident.id },
      data: {
        registeredAt: null,
        districtId: null,
        birthYear: null,
        birthMonth: null,
        gender: null,
        preferredLanguage: "ja",
        topics: [],
        disasterCategories: [],
        disasterDistrictIds: [],
        childBirthMonths: [],
        dueMonth: null,
        tags: [],
        consentVersion: null,
        consentedAt: null,
      },
    });
    await writeAudit(tx, { actor: residentActor(options.lineUserId), action: "registration.withdraw", target: { type: "resident", id: resident.id } });
    return { residentId: resident.id };
  });
}

/** Districts for the form, in the city's order. */
export async function registrationDistricts(db: Db) {
  const districts = await db.district.findMany({ orderBy: { sortOrder: "asc" }, include: { schoolDistrict: { select: { name: true } } } });
  return districts.map((d) => ({ id: d.id, name: d.name, schoolDistrict: d.schoolDistrict.name }));
}
