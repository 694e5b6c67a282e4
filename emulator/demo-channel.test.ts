// The demo channel, demoLineEnv and .env.example agree, and the app's env schema accepts them.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import { DEMO_CHANNEL, demoLineEnv } from "./demo-channel";

describe("[DEMO] channel", () => {
  it("has LINE-shaped ids", () => {
    expect(DEMO_CHANNEL.channelId).toMatch(/^\d{10}$/);
    expect(DEMO_CHANNEL.loginChannelId).toMatch(/^\d{10}$/);
    expect(DEMO_CHANNEL.channelSecret).toMatch(/^[0-9a-f]{32}$/);
    expect(DEMO_CHANNEL.botUserId).toMatch(/^U[0-9a-f]{32}$/);
    expect(DEMO_CHANNEL.liffIds[0]).toMatch(new RegExp(`^${DEMO_CHANNEL.loginChannelId}-\\w{8}$`));
  });

  it("demoLineEnv points the app at the emulator", () => {
    expect(demoLineEnv("http://localhost:4010")).toEqual({
      LINE_API_BASE_URL: "http://localhost:4010",
      LINE_API_DATA_BASE_URL: "http://localhost:4010",
      LINE_CHANNEL_ID: DEMO_CHANNEL.channelId,
      LINE_CHANNEL_SECRET: DEMO_CHANNEL.channelSecret,
      LINE_CHANNEL_ACCESS_TOKEN: DEMO_CHANNEL.channelAccessToken,
      LINE_LOGIN_CHANNEL_ID: DEMO_CHANNEL.loginChannelId,
      LIFF_ID: DEMO_CHANNEL.liffIds[0],
      LINE_EMULATOR_PORT: "4010",
    });
  });

  it(".env.example lists the same values", () => {
    const example = parseEnv(readFileSync(path.join(import.meta.dirname, "..", ".env.example"), "utf8"));
    for (const [key, value] of Object.entries(demoLineEnv("http://localhost:4010"))) expect(example[key], key).toBe(value);
  });
});
