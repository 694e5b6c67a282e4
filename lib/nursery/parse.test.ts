import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nurseryTypeOf, parseMaxAgeClass, parseMinAge, parseNurseryCsv, parseNurseryFile, parsePapamamaGeoJson } from "./parse";
import { childAgeAt, formatMinAge } from "./labels";

describe("[NURSERY] reading ages, types and services as cities write them", () => {
  it("reads the youngest age in months", () => {
    expect(parseMinAge("産休あけ")).toBe(2);
    expect(parseMinAge("生後57日から")).toBe(2);
    expect(parseMinAge("6か月")).toBe(6);
    expect(parseMinAge("5ヶ月")).toBe(5);
    expect(parseMinAge("1歳10か月")).toBe(22);
    expect(parseMinAge("2歳半")).toBe(30);
    expect(parseMinAge("3歳児")).toBe(36);
    expect(parseMinAge("")).toBeUndefined();
  });
  it("reads the oldest age class", () => {
    expect(parseMaxAgeClass("就学前")).toBe(5);
    expect(parseMaxAgeClass("2歳児")).toBe(2);
    expect(parseMaxAgeClass("2歳未満")).toBe(1);
    expect(parseMaxAgeClass("学童")).toBe(5);
  });
  it("maps the many type labels to a few kinds", () => {
    expect(nurseryTypeOf("認可保育所")).toBe("LICENSED");
    expect(nurseryTypeOf("幼稚園型認定こども園")).toBe("CERTIFIED_CENTER");
    expect(nurseryTypeOf("幼稚園")).toBe("KINDERGARTEN");
    expect(nurseryTypeOf("小規模保育事業Ａ型")).toBe("SMALL_SCALE");
    expect(nurseryTypeOf("認可外保育所（非公開）")).toBe("UNLICENSED");
    expect(nurseryTypeOf("事業所内保育事業（定員20人以上）")).toBe("WORKPLACE");
    expect(nurseryTypeOf("認可保育所", true)).toBe("CERTIFIED_CENTER");
  });
  it("computes the child's age at the start month (age class by fiscal year)", () => {
    expect(childAgeAt("2025-05", "2026-04")).toEqual({ months: 11, ageClass: 0 });
    expect(childAgeAt("2025-02", "2026-04")).toEqual({ months: 14, ageClass: 1 });
    expect(childAgeAt("2024-06", "2026-04")).toEqual({ months: 22, ageClass: 1 });
    expect(childAgeAt("2026-06", "2026-04")).toBeUndefined();
    expect(formatMinAge(2)).toBe("産休明け（生後57日）");
    expect(formatMinAge(22)).toBe("1歳10か月");
  });
});

describe("[NURSERY] files", () => {
  it("reads papamama GeoJSON and reports features it cannot place", () => {
    const geojson = JSON.stringify({
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          geometry: { type: "Point", coordinates: [141.343758, 43.045613] },
          properties: { HID: 1001, Type: "認可保育所", Name: "あけぼの保育園", AgeS: "1歳10か月", AgeE: "就学前", Full: "90", Open: "7:00", Close: "19:00", Extra: "1", Temp: null, Holiday: "Y", Add1: "札幌市中央区", Add2: "南11条西10丁目", TEL: "011-511-0447", Vacancy: "Y", VacancyDate: "2/1現在" },
        },
        { type: "Feature", geometry: null, properties: { Name: "位置のない園" } },
        { type: "Feature", geometry: { type: "Point", coordinates: [0, 0] }, properties: { Name: "海の上の園" } },
      ],
    });
    const result = parsePapamamaGeoJson(geojson);
    expect(result.facilities).toHaveLength(1);
    expect(result.facilities[0]).toMatchObject({
      externalId: "1001",
      name: "あけぼの保育園",
      type: "LICENSED",
      minAgeMonths: 22,
      maxAgeClass: 5,
      capacity: 90,
      opensAt: 420,
      closesAt: 1140,
      extendedCare: true,
      temporaryCare: false,
      holidayCare: true,
      address: "札幌市中央区 南11条西10丁目",
      latitude: 43.045613,
      longitude: 141.343758,
      vacancyFlag: true,
    });
    expect(result.issues.filter((i) => i.severity === "error").map((i) => i.line)).toEqual([2, 3]);
  });

  it("reads open-data CSV with Japanese column names, in Shift_JIS or UTF-8, and puts swapped coordinates right", () => {
    const csv = "ID,名称,種別,所在地_連結表記,緯度,経度,電話番号,定員,開始時間,終了時間,受入年齢,延長保育,一時預かり\r\n12,みどり保育園,認可保育所,みどり市本町1-1,139.45,35.55,0000-11-1111,60,7:30,19:30,生後6か月～5歳,有,無\r\n";
    const result = parseNurseryCsv(new TextEncoder().encode(csv));
    expect(result.format).toBe("standard-csv");
    expect(result.facilities[0]).toMatchObject({ externalId: "12", name: "みどり保育園", minAgeMonths: 6, maxAgeClass: 5, extendedCare: true, temporaryCare: false, latitude: 35.55, longitude: 139.45, opensAt: 450, closesAt: 1170 });
  });
});

const DATA = path.resolve(process.cwd(), "..", "shared", "data", "nursery");

describe.skipIf(!existsSync(DATA))("[NURSERY] the real papamama files", () => {
  it("read every facility of Sapporo, Koriyama and Kawasaki-Saiwai, and Koriyama's Shift_JIS source table", () => {
    const counts: Record<string, number> = {};
    for (const file of ["sapporo_nurseryFacilities.geojson", "koriyama_nurseryFacilities.geojson", "kawasaki_saiwai_nurseryFacilities.geojson", "koriyama_nurseryData_source.sjis.csv"]) {
      const result = parseNurseryFile(file, readFileSync(path.join(DATA, file)));
      expect(result.issues.filter((i) => i.severity === "error"), file).toEqual([]);
      counts[file] = result.facilities.length;
    }
    expect(counts).toEqual({ "sapporo_nurseryFacilities.geojson": 528, "koriyama_nurseryFacilities.geojson": 157, "kawasaki_saiwai_nurseryFacilities.geojson": 28, "koriyama_nurseryData_source.sjis.csv": 157 });
  });
});
