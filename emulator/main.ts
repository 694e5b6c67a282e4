// `npm run emulator` — the LINE Platform emulator as a standalone program.
// This file is the emulator's only reader of its environment and command line.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseRateLimitSetting, type EmulatorConfigInput, type RateLimitSetting } from "./config";
import { DEFAULT_EMULATOR_PORT, startEmulator } from "./server";

const HELP = `LINE Platform emulator (Kairan)

Usage: npm run emulator -- [options]

  --port N              Port (default: LINE_EMULATOR_PORT or ${DEFAULT_EMULATOR_PORT}; 0 = any free port)
  --host HOST           Interface (default: localhost = 127.0.0.1 and ::1)
  --app-url URL         The app's URL, for LIFF pages and the default webhook
                        (default: APP_URL or http://localhost:3000)
  --webhook-url URL     Webhook URL (default: <app-url>/api/line/webhook)
  --state-file FILE     Load state from FILE at start, save it on exit
  --friends N           Synthetic residents 1..N as friends (default: 1200, the demo city)
  --quota none|N        Monthly message quota: none (地方公共団体プラン, default) or N messages
  --rate-limit ID=SPEC  Override a rate limit, e.g. multicast=2000/1s, narrowcast=60/1h,
                        default=unlimited (repeatable; ID is the OpenAPI operationId)
  --reply-token-ttl MS  Reply token lifetime (default 60000)
  --allow-localhost-http  Accept http://localhost media and webhook URLs (LINE requires https)
  --no-parse-thread     Parse multicast bodies on the main thread (default: a second thread)
  --config FILE         JSON file with any emulator setting (see emulator/README.md)
  --quiet               Print only the start banner
  --help                This text

Admin API, phone view and everything else: emulator/README.md
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "app-url": { type: "string" },
      "webhook-url": { type: "string" },
      "state-file": { type: "string" },
      friends: { type: "string" },
      quota: { type: "string" },
      "rate-limit": { type: "string", multiple: true },
      "reply-token-ttl": { type: "string" },
      "allow-localhost-http": { type: "boolean" },
      "no-parse-thread": { type: "boolean" },
      config: { type: "string" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }

  const config: EmulatorConfigInput = values.config ? (JSON.parse(readFileSync(values.config, "utf8")) as EmulatorConfigInput) : {};
  if (values.quota) config.quota = values.quota === "none" ? { type: "none" } : { type: "limited", value: integer(values.quota, "--quota") };
  if (values["reply-token-ttl"]) config.replyTokenTtlMs = integer(values["reply-token-ttl"], "--reply-token-ttl");
  if (values["allow-localhost-http"]) config.allowLocalhostHttp = true;
  if (values["no-parse-thread"]) config.parseThread = false;
  for (const spec of values["rate-limit"] ?? []) {
    const [id, rule] = spec.split("=");
    if (!id || !rule) throw new Error(`--rate-limit ${spec}: use ID=SPEC, e.g. multicast=unlimited`);
    const setting: RateLimitSetting = parseRateLimitSetting(rule);
    if (id === "default") config.defaultRateLimit = setting;
    else config.rateLimits = { ...config.rateLimits, [id]: setting };
  }

  const quiet = values.quiet === true;
  const started = performance.now();
  const running = await startEmulator({
    port: values.port !== undefined ? integer(values.port, "--port") : process.env.LINE_EMULATOR_PORT ? integer(process.env.LINE_EMULATOR_PORT, "LINE_EMULATOR_PORT") : DEFAULT_EMULATOR_PORT,
    host: values.host,
    appUrl: values["app-url"] ?? process.env.APP_URL,
    webhookUrl: values["webhook-url"],
    stateFile: values["state-file"],
    friends: values.friends !== undefined ? integer(values.friends, "--friends") : undefined,
    config,
    log: quiet ? undefined : (line) => console.log(`[line-emulator] ${line}`),
  });
  const e = running.emulator;
  console.log(
    [
      `LINE emulator ready in ${Math.round(performance.now() - started)} ms: ${running.url}`,
      `  phone view:  ${running.url}/`,
      `  admin API:   ${running.url}/__emulator/state`,
      `  channel:     ${e.config.channel.displayName} (${e.config.channel.channelId}), ${e.friends.friendCount()} friends of ${e.friends.syntheticCount} synthetic residents`,
      `  webhook:     ${e.config.webhook.url}`,
      `  app env:     ${Object.entries(running.env)
        .map(([k, v]) => `${k}=${v}`)
        .join(" ")}`,
    ].join("\n"),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await running.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  // A parent that starts the emulator as a child can stop it by closing stdin (or with a signal).
  if (process.env.LINE_EMULATOR_EXIT_ON_STDIN_END === "1") process.stdin.on("end", () => void stop()).resume();
}

function integer(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${text}"`);
  return value;
}

main().catch((error: unknown) => {
  console.error(`[line-emulator] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
