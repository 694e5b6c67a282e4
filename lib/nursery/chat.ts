// Nurseries in the chat (registered with lib/webhook/registry.ts; loaded by lib/webhook/features.ts):
// a location message → the nearest facilities as a carousel; 「保育園を探したい」 → a button to send
// the location and a link to the LIFF search with conditions.
import { registerLocationHandler, registerTextIntent } from "@/lib/webhook/registry";
import {
  flexBox,
  flexBubble,
  flexButton,
  flexCarousel,
  flexMessage,
  flexText,
  liffUrl,
  locationAction,
  textMessage,
  uriAction,
  type FlexComponent,
  type LineMessage,
} from "@/lib/line/messages";
import { searchNurseries, type NurserySearchHit } from "@/lib/nursery/search";
import { AGE_CLASS_LABELS, formatDistance, formatMinutes, SERVICE_KEYS, SERVICE_LABELS, VACANCY_LABELS } from "@/lib/nursery/labels";

export const NURSERY_LIFF_PATH = "/nursery";
/** A carousel of this many (LINE allows 12). */
const CAROUSEL_SIZE = 10;
const NURSERY_CUE = /保育園|保育所|保育施設|保育室|こども園|子ども園|託児|認可外|ほいくえん/;

type Vacancies = Map<number, { ageClass: number; status: string }[]>;

export function nurseryBubble(hit: NurserySearchHit, vacancies: { ageClass: number; status: string }[]) {
  const services = SERVICE_KEYS.filter((k) => hit[k]).map((k) => SERVICE_LABELS[k]);
  const open = vacancies.filter((v) => v.status === "AVAILABLE" || v.status === "FEW").map((v) => `${AGE_CLASS_LABELS[v.ageClass]}（${VACANCY_LABELS[v.status as "AVAILABLE" | "FEW"]}）`);
  const body: FlexComponent[] = [
    flexText(hit.name, { weight: "bold", size: "md", wrap: true }),
    flexText(`${hit.typeLabel}・${formatDistance(hit.distanceMetres)}`, { size: "sm", color: "#555555", wrap: true }),
  ];
  if (hit.opensAt !== null) body.push(flexText(`${formatMinutes(hit.opensAt)}〜${formatMinutes(hit.closesAt)}`, { size: "sm", wrap: true }));
  if (services.length) body.push(flexText(services.join("・"), { size: "sm", wrap: true }));
  body.push(flexText(open.length ? `空き：${open.join("、")}` : vacancies.length ? "空き：なし" : "空き：情報なし", { size: "sm", wrap: true, color: open.length ? "#1d6b2f" : "#555555" }));
  const buttons = [flexButton(uriAction("詳しく見る", liffUrl(`${NURSERY_LIFF_PATH}/${hit.id}`)), { style: "primary", color: "#0031d8", height: "sm" })];
  const tel = hit.phone.normalize("NFKC").replace(/[^0-9]/g, "");
  if (tel.length >= 10) buttons.push(flexButton(uriAction("電話する", `tel:${tel}`), { style: "secondary", height: "sm" }));
  return flexBubble({ size: "kilo", body: flexBox("vertical", body, { spacing: "sm" }), footer: flexBox("vertical", buttons, { spacing: "sm" }) });
}

export function nearestNurseriesMessages(hits: NurserySearchHit[], vacancies: Vacancies): LineMessage[] {
  if (hits.length === 0) {
    return [
      textMessage("送っていただいた場所の近く（30km 以内）に、登録されている保育施設が見つかりませんでした。条件を変えて探すには、下のボタンからどうぞ。", {
        quickReply: [uriAction("条件を指定して探す", liffUrl(NURSERY_LIFF_PATH))],
      }),
    ];
  }
  const carousel = flexCarousel(hits.slice(0, CAROUSEL_SIZE).map((h) => nurseryBubble(h, vacancies.get(h.id) ?? [])));
  return [
    flexMessage(`近くの保育施設（近い順）：${hits.slice(0, 3).map((h) => h.name).join("、")} ほか`.slice(0, 400), carousel),
    textMessage("送っていただいた場所から近い順です。お子さまの年齢や、延長保育・空き状況などの条件で探すには、下のボタンからどうぞ。", {
      quickReply: [uriAction("条件を指定して探す", liffUrl(NURSERY_LIFF_PATH))],
    }),
  ];
}

registerLocationHandler({
  name: "nursery",
  priority: 100,
  async handle(ctx) {
    // Outside Japan there is nothing to find; another feature (or the inbox) may want the location.
    if (!(ctx.latitude >= 20 && ctx.latitude <= 46 && ctx.longitude >= 122 && ctx.longitude <= 154)) return null;
    const result = await searchNurseries(ctx.tx, { latitude: ctx.latitude, longitude: ctx.longitude, limit: CAROUSEL_SIZE });
    if (result.hits.length === 0) return null;
    const vacancies: Vacancies = new Map();
    const rows = await ctx.tx.nurseryVacancy.findMany({ where: { facilityId: { in: result.hits.map((h) => h.id) } }, orderBy: { ageClass: "asc" } });
    for (const row of rows) vacancies.set(row.facilityId, [...(vacancies.get(row.facilityId) ?? []), { ageClass: row.ageClass, status: row.status }]);
    return { outcome: `nursery:nearest:${result.hits.length}`, messages: nearestNurseriesMessages(result.hits, vacancies) };
  },
});

registerTextIntent({
  name: "nursery",
  priority: 60,
  async match(text, ctx) {
    return text.length <= 60 && NURSERY_CUE.test(text.normalize("NFKC")) && (await ctx.tx.nurseryFacility.count({ take: 1 })) > 0;
  },
  async handle() {
    const card = flexBubble({
      body: flexBox(
        "vertical",
        [
          flexText("保育施設をさがす", { weight: "bold", size: "lg" }),
          flexText("位置情報を送っていただくと、近くの保育施設を近い順にお知らせします。お子さまの年齢や延長保育・空き状況などの条件でも探せます。", { size: "sm", wrap: true, margin: "md" }),
        ],
        { spacing: "sm" },
      ),
      footer: flexBox("vertical", [flexButton(uriAction("条件を指定して探す", liffUrl(NURSERY_LIFF_PATH)), { style: "primary", color: "#0031d8" })]),
    });
    return {
      outcome: "nursery:guide",
      messages: [flexMessage("保育施設をさがす：位置情報を送るか、条件を指定して探せます。", card, { quickReply: [locationAction("位置情報を送る")] })],
    };
  },
});
