import { describe, expect, it } from "vitest";
import { buildLiffHandoffFragment, readEmulatorLiffHandoff, stripLiffHandoff } from "./liff-handoff";

const claims = { sub: `U${"a".repeat(32)}`, name: "佐藤 さくら", aud: "2009000002", iat: 1, exp: 2 };
const idToken = `eyJhbGciOiJFUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.sig`;

describe("[LIFF] emulator handoff", () => {
  it("round-trips the tokens through the URL fragment and decodes the claims", () => {
    const fragment = buildLiffHandoffFragment({ idToken, accessToken: "at-1" });
    expect(fragment.startsWith("#kairan_emulator_id_token=")).toBe(true);
    expect(readEmulatorLiffHandoff(fragment)).toEqual({ idToken, accessToken: "at-1", claims });
  });

  it("ignores fragments that are not a handoff and strips only its own parameters", () => {
    expect(readEmulatorLiffHandoff("")).toBeUndefined();
    expect(readEmulatorLiffHandoff("#section-2")).toBeUndefined();
    expect(readEmulatorLiffHandoff("#kairan_emulator_id_token=x&kairan_emulator_access_token=y")).toBeUndefined();
    expect(stripLiffHandoff(`${buildLiffHandoffFragment({ idToken, accessToken: "a" })}&tab=2`)).toBe("#tab=2");
    expect(stripLiffHandoff(buildLiffHandoffFragment({ idToken, accessToken: "a" }))).toBe("");
  });
});
