// The response_url poster against a loopback server: JSON on kept-alive connections, a non-2xx
// answer as an error that does not name the URL, and a connection the server closed retried once.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { answerOn } from "../../../adapters/slack/responseUrl.ts";

interface Seen {
  path: string;
  type: string | undefined;
  body: unknown;
  socket: Socket;
}

async function serve(answer: (req: IncomingMessage, res: ServerResponse, seen: Seen[]) => void) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({ path: req.url ?? "", type: req.headers["content-type"], body: JSON.parse(Buffer.concat(chunks).toString("utf8")), socket: req.socket });
      answer(req, res, seen);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, seen, base };
}

describe("answering on response_url", () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  it("posts the message as JSON; answers in a row share one connection", async () => {
    const s = await serve((_req, res) => res.end("ok"));
    server = s.server;
    await answerOn(`${s.base}/respond/T1/123/abc`, { text: "one", response_type: "ephemeral" });
    await answerOn(`${s.base}/respond/T1/123/abc`, { text: "two", replace_original: true });
    expect(s.seen.map(({ path, type, body }) => ({ path, type, body }))).toEqual([
      { path: "/respond/T1/123/abc", type: "application/json", body: { text: "one", response_type: "ephemeral" } },
      { path: "/respond/T1/123/abc", type: "application/json", body: { text: "two", replace_original: true } },
    ]);
    expect(s.seen[0]?.socket).toBe(s.seen[1]?.socket);
  });

  it("a refused answer is an error with the status, never the URL (it is a capability)", async () => {
    const s = await serve((_req, res) => {
      res.statusCode = 404;
      res.end("expired_url");
    });
    server = s.server;
    const failure = answerOn(`${s.base}/respond/T1/123/secret-part`, { text: "late" });
    await expect(failure).rejects.toThrow("Failed to respond to the response_url: 404 Not Found");
    await expect(failure).rejects.not.toThrow(/secret-part|127\.0\.0\.1/);
  });

  it("a kept-alive connection the server dropped is retried once on a new one", async () => {
    const s = await serve((req, res, seen) => {
      // The second request on the first connection: dropped without an answer.
      if (seen.length === 2 && req.socket === seen[0]?.socket) req.socket.destroy();
      else res.end("ok");
    });
    server = s.server;
    await answerOn(`${s.base}/respond/1`, { text: "first" });
    await answerOn(`${s.base}/respond/2`, { text: "second" });
    expect(s.seen.map((x) => (x.body as { text: string }).text)).toEqual(["first", "second", "second"]);
    expect(s.seen[2]?.socket).not.toBe(s.seen[0]?.socket);
  });
});
