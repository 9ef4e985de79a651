// fetch() over node:http against a loopback server: what the Slack and Discord REST clients
// rely on (status, headers, JSON and multipart bodies, kept-alive connections, abort) and the
// odd corners (no body on 204, a redirect refused when asked, repeated headers kept).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { nodeFetch } from "../src/nodeFetch.ts";

interface Seen {
  method: string;
  headers: IncomingMessage["headers"];
  body: string;
  socket: Socket;
}

let server: Server | undefined;

async function serve(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({
        method: req.method ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        socket: req.socket,
      });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return { seen, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe("nodeFetch", () => {
  it("sends method, headers and body; answers with status, headers and body on one kept-alive connection", async () => {
    const s = await serve((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.setHeader("set-cookie", ["a=1", "b=2"]);
      res.statusCode = 201;
      res.end('{"ok":true}');
    });
    const first = await nodeFetch(`${s.base}/api/chat.postMessage`, {
      method: "post",
      headers: {
        Authorization: "Bearer xoxb-test",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "channel=C1&text=h%C3%A9",
    });
    expect(first.status).toBe(201);
    expect(first.ok).toBe(true);
    expect(first.statusText).toBe("Created");
    expect(first.headers.get("content-type")).toBe("application/json");
    expect(first.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await first.json()).toEqual({ ok: true });
    await (await nodeFetch(`${s.base}/again`)).text();
    expect(
      s.seen.map(({ method, body, headers }) => ({
        method,
        body,
        auth: headers.authorization,
        length: headers["content-length"],
      })),
    ).toEqual([
      { method: "POST", body: "channel=C1&text=h%C3%A9", auth: "Bearer xoxb-test", length: "23" },
      { method: "GET", body: "", auth: undefined, length: undefined },
    ]);
    expect(s.seen[1]?.socket).toBe(s.seen[0]?.socket);
  });

  it("encodes FormData as multipart with its boundary, and URLSearchParams as a form", async () => {
    const s = await serve((_req, res) => res.end("ok"));
    const form = new FormData();
    form.append("payload_json", '{"content":"report"}');
    form.append(
      "files[0]",
      new Blob([Buffer.from("PNG chart bytes")], { type: "image/png" }),
      "chart.png",
    );
    await nodeFetch(`${s.base}/upload`, { method: "POST", body: form });
    await nodeFetch(`${s.base}/form`, { method: "POST", body: new URLSearchParams({ a: "1 2" }) });

    const multipart = s.seen[0];
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(
      multipart?.headers["content-type"] ?? "",
    )?.[1];
    expect(boundary).toBeTruthy();
    expect(multipart?.body).toContain(
      `--${boundary}\r\nContent-Disposition: form-data; name="payload_json"\r\n\r\n{"content":"report"}`,
    );
    expect(multipart?.body).toContain(
      'name="files[0]"; filename="chart.png"\r\nContent-Type: image/png\r\n\r\nPNG chart bytes',
    );
    expect(Number(multipart?.headers["content-length"])).toBe(
      Buffer.byteLength(multipart?.body ?? ""),
    );
    expect(s.seen[1]?.headers["content-type"]).toBe(
      "application/x-www-form-urlencoded;charset=UTF-8",
    );
    expect(s.seen[1]?.body).toBe("a=1+2");
  });

  it("has no body for a 204; a redirect is returned as is, or refused when the caller asks", async () => {
    const s = await serve((req, res) => {
      if (req.url === "/moved") {
        res.writeHead(302, { location: "/elsewhere" });
        res.end();
      } else {
        res.writeHead(204);
        res.end();
      }
    });
    const empty = await nodeFetch(`${s.base}/nothing`, { method: "DELETE" });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    const moved = await nodeFetch(`${s.base}/moved`);
    expect(moved.status).toBe(302);
    expect(moved.headers.get("location")).toBe("/elsewhere");
    await expect(nodeFetch(`${s.base}/moved`, { redirect: "error" })).rejects.toThrow(
      "unexpected redirect (302)",
    );
  });

  it("an abort ends a request the server holds, with the signal's reason", async () => {
    const s = await serve(() => {
      // Never answers.
    });
    const controller = new AbortController();
    const pending = nodeFetch(`${s.base}/slow`, { signal: controller.signal });
    while (s.seen.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error("gave up"));
    await expect(pending).rejects.toThrow("gave up");
    const aborted = AbortSignal.abort(new Error("already"));
    await expect(nodeFetch(`${s.base}/slow`, { signal: aborted })).rejects.toThrow("already");
    expect(s.seen).toHaveLength(1);
  });
});
