// The LINE emulator that e2e runs (started in global-setup.ts): a small client for its admin API
// (see emulator/README.md, "Admin API"). Feature specs add their own helpers on top of `call`.
export type LineEmulatorClient = {
  url: string;
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
};

export function lineEmulatorClient(url = process.env.E2E_EMULATOR_URL!): LineEmulatorClient {
  return {
    url,
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${url}/__emulator${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`emulator ${method} ${path} → ${response.status}: ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}
