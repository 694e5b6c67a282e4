// The HTTP/1.1 client under the LINE transport (http1.ts) against servers that write exact bytes:
// framing (Content-Length, chunked, to the end of the connection, no body), kept-alive connections
// the server closes, and answers that are not HTTP.
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { Http1Pool } from "./http1";
import { createLineTransport } from "./transport";

type RawServer = { origin: string; port: number; connections: number; requests: string[]; close: () => Promise<void> };
const servers: RawServer[] = [];

/** A TCP server that answers each complete request (head + Content-Length body) with `answer(n, socket)`. */
async function rawServer(answer: (request: number, socket: net.Socket, requestOnSocket: number) => void): Promise<RawServer> {
  const sockets = new Set<net.Socket>();
  const state: RawServer = { origin: "", port: 0, connections: 0, requests: [], close: async () => undefined };
  const server = net.createServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    let pending = Buffer.alloc(0);
    let onSocket = 0;
    socket.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const end = pending.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = pending.toString("latin1", 0, end);
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        state.requests.push(`${head}\r\n\r\n${pending.toString("utf8", end + 4, end + 4 + length)}`);
        pending = pending.subarray(end + 4 + length);
        answer(state.requests.length, socket, ++onSocket);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.port = (server.address() as net.AddressInfo).port;
  state.origin = `http://127.0.0.1:${state.port}`;
  state.close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  servers.push(state);
  return state;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const pool = (server: RawServer, options: { requestTimeoutMs?: number; idleTimeoutMs?: number } = {}) =>
  new Http1Pool({ protocol: "http:", hostname: "127.0.0.1", port: server.port, maxConnections: 4, requestTimeoutMs: options.requestTimeoutMs ?? 5_000, idleTimeoutMs: options.idleTimeoutMs ?? 4_000 });
const post = (body: string) => ({ method: "POST", path: "/v2/bot/message/multicast", headers: [["Content-Type", "application/json"]] as [string, string][], body });

describe("[LINE] HTTP/1.1 client", () => {
  it("writes one request with Host and Content-Length, and reads a Content-Length answer", async () => {
    const server = await rawServer((_, socket) => socket.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Line-Request-Id: abc\r\nContent-Length: 2\r\n\r\n{}"));
    const answer = await pool(server).request(post('{"to":["中"]}'));
    expect(answer).toEqual({ status: 200, statusText: "OK", headers: [["Content-Type", "application/json"], ["X-Line-Request-Id", "abc"], ["Content-Length", "2"]], body: Buffer.from("{}") });
    expect(server.requests[0]).toBe(`POST /v2/bot/message/multicast HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nContent-Length: 14\r\n\r\n{"to":["中"]}`);
  });

  it("reads chunked answers, split anywhere, and keeps the connection for the next request", async () => {
    const server = await rawServer((_, socket) => {
      const bytes = Buffer.from('HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n7;ext=1\r\n{"messa\r\nf\r\nge":"bad","x":1\r\n1\r\n}\r\n0\r\nTrailer: t\r\n\r\n');
      // One byte at a time: every state of the parser sees a split.
      let at = 0;
      const next = () => {
        if (at >= bytes.length) return;
        socket.write(bytes.subarray(at, ++at));
        setImmediate(next);
      };
      next();
    });
    const client = pool(server);
    for (let i = 0; i < 2; i++) {
      const answer = await client.request(post("{}"));
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body!.toString())).toEqual({ message: "bad", x: 1 });
    }
    expect(server.connections).toBe(1);
  });

  it("an answer without length runs to the end of the connection; 204 and HEAD have none", async () => {
    const server = await rawServer((n, socket) => {
      if (n === 1) socket.end("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
      else if (n === 2) socket.write("HTTP/1.1 204 No Content\r\n\r\n");
      else socket.write("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n");
    });
    const client = pool(server);
    expect((await client.request(post("{}"))).body!.toString()).toBe("until the end");
    const noContent = await client.request(post("{}"));
    expect(noContent).toMatchObject({ status: 204, body: null });
    const head = await client.request({ method: "HEAD", path: "/x", headers: [], body: null });
    expect(head).toMatchObject({ status: 200, body: null });
    expect(server.connections).toBe(2);
  });

  it("Connection: close is honoured: the next request opens a new connection", async () => {
    const server = await rawServer((_, socket) => socket.write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"));
    const client = pool(server);
    await client.request(post("{}"));
    await client.request(post("{}"));
    expect(server.connections).toBe(2);
  });

  it("a kept-alive connection the server drops as the next request arrives: sent once more on a new one", async () => {
    const server = await rawServer((_, socket, onSocket) => {
      if (onSocket === 2) socket.destroy();
      else socket.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    });
    const client = pool(server);
    expect((await client.request(post("{}"))).status).toBe(200);
    expect((await client.request(post("{}"))).status).toBe(200);
    expect(server.connections).toBe(2);
    expect(server.requests).toHaveLength(3);
  });

  it("a connection that breaks after part of an answer is not sent again: the request fails", async () => {
    const server = await rawServer((_, socket) => {
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{");
      setTimeout(() => socket.destroy(), 20);
    });
    const error = await pool(server).request(post("{}")).catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).toBe("ECONNRESET");
    expect(server.requests).toHaveLength(1);
  });

  it("on a kept-alive connection too: part of an answer, then a reset — the request fails, it is not sent again", async () => {
    const server = await rawServer((_, socket, onSocket) => {
      if (onSocket === 1) socket.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
      else {
        socket.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{");
        setTimeout(() => socket.destroy(), 20);
      }
    });
    const client = pool(server);
    expect((await client.request(post("{}"))).status).toBe(200);
    const error = await client.request(post("{}")).catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).toBe("ECONNRESET");
    expect(server.requests).toHaveLength(2);
    expect(server.connections).toBe(1);
  });

  it("what is not HTTP fails the request (fetch's TypeError through the transport)", async () => {
    const server = await rawServer((_, socket) => socket.write("SSH-2.0-OpenSSH\r\n\r\n"));
    const transport = createLineTransport({ origins: [server.origin] });
    const error = await transport(`${server.origin}/v2/bot/info`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe("fetch failed");
  });

  it("refuses header values with line breaks, as fetch does", async () => {
    const server = await rawServer((_, socket) => socket.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    const transport = createLineTransport({ origins: [server.origin] });
    await expect(transport(`${server.origin}/x`, { headers: { "X-Line-Retry-Key": "a\r\nInjected: 1" } })).rejects.toBeInstanceOf(TypeError);
    expect(server.requests).toHaveLength(0);
  });

  it("closes idle connections after their idle time", async () => {
    let closed = 0;
    const server = await rawServer((_, socket) => {
      socket.on("close", () => closed++);
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    });
    await pool(server, { idleTimeoutMs: 50 }).request(post("{}"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(closed).toBe(1);
  });

  it("an idle connection does not keep the process alive; a reused one does again", async () => {
    const server = await rawServer((_, socket) => socket.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    const client = pool(server);
    // The handles that keep the process alive (unref'd ones are not listed): our end of the connection.
    const alive = () => (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().filter((h) => h instanceof net.Socket && h.remotePort === server.port);
    await client.request(post("{}"));
    expect(alive()).toHaveLength(0);
    const pending = client.request(post("{}"));
    expect(alive()).toHaveLength(1);
    await pending;
    expect(alive()).toHaveLength(0);
    expect(server.connections).toBe(1);
  });

  it("answers read like a Response: headers case-insensitive, the body once, a stream when asked", async () => {
    const server = await rawServer((n, socket) =>
      socket.write(`HTTP/1.1 409 Conflict\r\nX-Line-Accepted-Request-Id: r-${n}\r\nVary: a\r\nvary: b\r\nContent-Length: 13\r\n\r\n{"message":1}`),
    );
    const transport = createLineTransport({ origins: [server.origin] });
    const answer = await transport(`${server.origin}/v2/bot/message/multicast`, { method: "POST", body: "{}" });
    expect([answer.status, answer.ok, answer.statusText]).toEqual([409, false, "Conflict"]);
    expect(answer.headers.get("x-line-accepted-request-id")).toBe("r-1");
    expect(answer.headers.get("VARY")).toBe("a, b");
    expect([...answer.headers.keys()]).toEqual(["content-length", "vary", "x-line-accepted-request-id"]);
    expect(await answer.json()).toEqual({ message: 1 });
    expect(answer.bodyUsed).toBe(true);
    await expect(answer.text()).rejects.toBeInstanceOf(TypeError);
    const streamed = await transport(`${server.origin}/v2/bot/message/multicast`, { method: "POST", body: "{}" });
    expect(await new Response(streamed.body).text()).toBe('{"message":1}');
  });
});
