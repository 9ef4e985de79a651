// A fake Slack on 127.0.0.1: the Web API (/api/<method>, form or JSON bodies), response_url
// endpoints (/respond/<id>), the file upload URL (/upload/<id>) and a Socket Mode WebSocket.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  authorization: string | undefined;
}

export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

type Handler = (params: Record<string, unknown>, call: ApiCall) => unknown | FakeAnswer;

export interface FakeUser {
  id: string;
  name: string;
  locale?: string;
  displayName?: string;
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  /** Bodies posted to response_url, in order. */
  readonly responses: Record<string, unknown>[] = [];
  /** Raw bodies posted to the upload URL (multipart, as the WebClient sends them). */
  readonly uploads: { id: string; body: Buffer }[] = [];
  readonly users = new Map<string, FakeUser>();
  readonly usergroups: { id: string; users: string[] }[] = [];
  private readonly handlers = new Map<string, Handler>();
  private server!: Server;
  private wss: WebSocketServer | undefined;
  private sockets: WebSocket[] = [];
  private nextTs = 1;
  private waiters: (() => void)[] = [];
  base = "";

  static async start(): Promise<FakeSlack> {
    const fake = new FakeSlack();
    await fake.listen();
    return fake;
  }

  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  responseUrl(id: string | number = 1): string {
    return `${this.base}/respond/${id}`;
  }

  /** Overrides one Web API method's answer. */
  on(method: string, handler: Handler): void {
    this.handlers.set(method, handler);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves once `count` response_url posts have arrived. */
  async waitForResponses(count: number): Promise<void> {
    while (this.responses.length < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  async waitForCalls(method: string, count: number): Promise<void> {
    while (this.callsTo(method).length < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Socket Mode: sends an envelope to every connected client; resolves with the first ack. */
  sendEnvelope(envelope: Record<string, unknown>): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      for (const socket of this.sockets) {
        socket.on("message", (data) => {
          const message = JSON.parse(String(data)) as Record<string, unknown>;
          if (message.envelope_id === envelope.envelope_id) resolve(message);
        });
        socket.send(JSON.stringify(envelope));
      }
    });
  }

  async waitForSocket(): Promise<void> {
    while (this.sockets.length === 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss?.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private async listen(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.route(req).then((answer) => {
        res.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers });
        res.end(JSON.stringify(answer.body));
        this.wake();
      });
    });
    this.wss = new WebSocketServer({ server: this.server, path: "/link" });
    this.wss.on("connection", (socket) => {
      this.sockets.push(socket);
      socket.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A1" }, debug_info: { host: "fake" } }));
      this.wake();
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async route(req: IncomingMessage): Promise<FakeAnswer> {
    const raw = await readBody(req);
    const url = req.url ?? "";
    if (url.startsWith("/respond/")) {
      this.responses.push(JSON.parse(raw.toString("utf8")) as Record<string, unknown>);
      return { body: { ok: true } };
    }
    if (url.startsWith("/upload/")) {
      this.uploads.push({ id: url.slice("/upload/".length), body: raw });
      return { body: { ok: true } };
    }
    const method = url.replace(/^\/api\//, "").split("?")[0] ?? "";
    const call: ApiCall = { method, params: parseParams(req, raw), authorization: req.headers.authorization };
    this.calls.push(call);
    const handler = this.handlers.get(method);
    const answer = handler ? handler(call.params, call) : this.defaultAnswer(call);
    return isFakeAnswer(answer) ? answer : { body: answer };
  }

  private defaultAnswer({ method, params }: ApiCall): unknown {
    switch (method) {
      case "auth.test":
        return { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1", team: "Test team", user: "mailbrake" };
      case "users.info": {
        const user = this.users.get(String(params.user));
        if (!user) return { ok: false, error: "user_not_found" };
        return {
          ok: true,
          user: { id: user.id, name: user.name, real_name: user.name, locale: user.locale, profile: { display_name: user.displayName ?? "" } },
        };
      }
      case "usergroups.list":
        return { ok: true, usergroups: this.usergroups.map((g) => ({ id: g.id, users: g.users, date_delete: 0 })) };
      case "chat.postMessage":
        return { ok: true, channel: params.channel, ts: `1700000000.${String(this.nextTs++).padStart(6, "0")}` };
      case "chat.update":
        return { ok: true, channel: params.channel, ts: params.ts };
      case "files.getUploadURLExternal":
        return { ok: true, upload_url: `${this.base}/upload/F${this.nextTs}`, file_id: `F${this.nextTs++}` };
      case "files.completeUploadExternal":
        return { ok: true, files: JSON.parse(String(params.files)) };
      case "apps.connections.open":
        return { ok: true, url: `${this.base.replace("http", "ws")}/link` };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

function isFakeAnswer(value: unknown): value is FakeAnswer {
  return typeof value === "object" && value !== null && "body" in value && Object.keys(value).every((k) => ["status", "headers", "body"].includes(k));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseParams(req: IncomingMessage, raw: Buffer): Record<string, unknown> {
  const text = raw.toString("utf8");
  if ((req.headers["content-type"] ?? "").includes("application/json")) return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) params[key] = value;
  return params;
}
