// A fake Discord on 127.0.0.1: the REST API (/api/v10/...) and the gateway (/gateway) on one
// port, enough for the real discord.js client to log in, receive interactions, answer them,
// register commands and post to channels. Every request is recorded.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export interface RecordedRequest {
  method: string;
  /** Path without /api/v10 and without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  /** JSON body (payload_json for multipart). */
  body: unknown;
  /** Multipart file parts: name and size. */
  files: { field: string; filename: string; size: number }[];
  /** When it arrived (performance.now()), for benchmarks. */
  at: number;
}

export interface GatewayFrame {
  op: number;
  d: unknown;
  s?: number | null;
  t?: string | null;
}

export interface FakeDiscordOptions {
  applicationId: string;
  botUserId?: string;
  /** Channels that exist; a post elsewhere is answered 404 Unknown Channel. */
  channels?: string[];
  /** Channels the bot may not write to (403 Missing Permissions). */
  forbiddenChannels?: string[];
}

const VERSION = "/api/v10";

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly received: GatewayFrame[] = [];
  readonly commands = new Map<string, unknown[]>();
  private server!: Server;
  private wss!: WebSocketServer;
  private socket: WebSocket | undefined;
  private seq = 0;
  private nextId = 1_000_000_000_000_000n;
  private waiters: { test: () => boolean; resolve: () => void }[] = [];
  readonly sessionId = "fake-session-1";
  /** When set, interaction callbacks are refused as if the interaction had expired. */
  refuseCallbacks = false;
  /** When set, the bot token is refused (401) as Discord does for a wrong or reset token. */
  refuseToken = false;
  /** When set, every REST request is answered 503, as during an outage. */
  unavailable = false;
  /** When set, command registration is refused (403), as for a guild the bot is not in. */
  refuseCommands = false;
  /** Channels whose next post is answered 429 (retry after 50 ms), once each. */
  readonly rateLimitOnce = new Set<string>();
  /** When set, the answer to a command registration waits for it (a start-up held midway). */
  holdRegistration: Promise<void> | undefined;

  constructor(readonly options: FakeDiscordOptions) {}

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.wss = new WebSocketServer({ server: this.server, path: "/gateway" });
    this.wss.on("connection", (socket) => this.onSocket(socket));
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    return this;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  snowflake(): string {
    this.nextId += 1n;
    return this.nextId.toString();
  }

  /** Resolves when `test` holds (checked after every request and gateway frame). */
  waitFor(test: () => boolean, what = "condition", timeoutMs = 5_000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`fake Discord: timed out waiting for ${what}`)),
        timeoutMs,
      );
      this.waiters.push({
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** The first recorded request matching, once it arrives. */
  async request(method: string, path: RegExp | string, what?: string): Promise<RecordedRequest> {
    const match = (r: RecordedRequest) =>
      r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path));
    await this.waitFor(() => this.requests.some(match), what ?? `${method} ${path}`);
    return this.requests.find(match) as RecordedRequest;
  }

  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** Sends a dispatch (op 0) on the current gateway connection. */
  dispatch(type: string, data: unknown): void {
    this.seq += 1;
    this.send({ op: 0, t: type, s: this.seq, d: data });
  }

  /** Closes the gateway connection with this code (the client should resume). */
  closeSocket(code: number): void {
    this.socket?.close(code, "fake close");
  }

  /** Terminates the TCP connection without a close frame (code 1006 on the client). */
  dropSocket(): void {
    this.socket?.terminate();
  }

  opsReceived(op: number): GatewayFrame[] {
    return this.received.filter((f) => f.op === op);
  }

  private notify(): void {
    const ready = this.waiters.filter((w) => w.test());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  private send(frame: GatewayFrame): void {
    this.socket?.send(JSON.stringify(frame));
  }

  private onSocket(socket: WebSocket): void {
    this.socket = socket;
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 } }));
    socket.on("message", (raw) => {
      const frame = JSON.parse(String(raw)) as GatewayFrame;
      this.received.push(frame);
      if (frame.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (frame.op === 2) this.ready();
      if (frame.op === 6) this.dispatch("RESUMED", {});
      this.notify();
    });
  }

  private ready(): void {
    const { applicationId, botUserId = "900000000000000001" } = this.options;
    this.dispatch("READY", {
      v: 10,
      user: { id: botUserId, username: "mailbrake", discriminator: "0", avatar: null, bot: true },
      guilds: [],
      session_id: this.sessionId,
      resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
      application: { id: applicationId, flags: 0 },
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const { body, files } = await parseBody(req.headers["content-type"], raw);
    const pathname = decodeURIComponent(url.pathname);
    const path = pathname.startsWith(VERSION) ? pathname.slice(VERSION.length) : pathname;
    const record: RecordedRequest = {
      method: req.method ?? "GET",
      path,
      query: url.searchParams,
      headers: req.headers,
      body,
      files,
      at: performance.now(),
    };
    this.requests.push(record);
    const limited = /^\/channels\/(\d+)\/messages$/.exec(path)?.[1];
    if (limited && this.rateLimitOnce.delete(limited)) {
      const headers = {
        "content-type": "application/json",
        "retry-after": "0.05",
        "x-ratelimit-limit": "5",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset-after": "0.05",
        "x-ratelimit-bucket": "fake-bucket",
      };
      res
        .writeHead(429, headers)
        .end(
          JSON.stringify({
            message: "You are being rate limited.",
            retry_after: 0.05,
            global: false,
          }),
        );
      this.notify();
      return;
    }
    if (this.holdRegistration && record.method === "PUT" && /\/commands$/.test(path)) {
      this.notify();
      await this.holdRegistration;
    }
    const [status, answer] = this.answer(record);
    if (status === 204) res.writeHead(204).end();
    else res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(answer));
    this.notify();
  }

  private answer(r: RecordedRequest): [number, unknown] {
    const { applicationId } = this.options;
    if (this.unavailable) return [503, { message: "Service Unavailable" }];
    if (this.refuseToken) return [401, { code: 0, message: "401: Unauthorized" }];
    if (r.path === "/gateway/bot") {
      const limit = { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 };
      return [
        200,
        { url: `ws://127.0.0.1:${this.port}/gateway`, shards: 1, session_start_limit: limit },
      ];
    }
    const commands = /^\/applications\/(\d+)(\/guilds\/(\d+))?\/commands$/.exec(r.path);
    if (commands) {
      if (this.refuseCommands) return [403, { code: 50001, message: "Missing Access" }];
      const key = commands[3] ?? "global";
      if (r.method === "PUT") {
        const saved = (r.body as Record<string, unknown>[]).map((c) => ({
          ...c,
          id: this.snowflake(),
          application_id: applicationId,
          version: "1",
          default_member_permissions: null,
          nsfw: false,
        }));
        this.commands.set(key, saved);
        return [200, saved];
      }
      return [200, this.commands.get(key) ?? []];
    }
    if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(r.path)) {
      return this.refuseCallbacks
        ? [404, { code: 10062, message: "Unknown interaction" }]
        : [204, null];
    }
    if (/^\/webhooks\/\d+\/[^/]+(\/messages\/@original)?$/.test(r.path)) {
      return [200, this.message("0", r.body)];
    }
    const channel = /^\/channels\/(\d+)\/messages(\/(\d+))?$/.exec(r.path);
    if (channel) {
      const id = channel[1] as string;
      if (this.options.forbiddenChannels?.includes(id))
        return [403, { code: 50013, message: "Missing Permissions" }];
      if (this.options.channels && !this.options.channels.includes(id))
        return [404, { code: 10003, message: "Unknown Channel" }];
      return [200, this.message(id, r.body, channel[3])];
    }
    return [404, { code: 0, message: "404: Not Found" }];
  }

  private message(channelId: string, body: unknown, id?: string): unknown {
    const b = (body ?? {}) as Record<string, unknown>;
    return botMessage(
      {
        id: id ?? this.snowflake(),
        channel_id: channelId,
        content: b.content ?? "",
        embeds: b.embeds ?? [],
        components: b.components ?? [],
      },
      this.options.botUserId,
    );
  }
}

/** A message the bot posted, in the API's shape: `fields` over the defaults. */
export function botMessage(fields: Record<string, unknown>, botUserId = "900000000000000001"): Record<string, unknown> {
  return {
    type: 0,
    content: "",
    embeds: [],
    components: [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: 0,
    author: { id: botUserId, username: "mailbrake", discriminator: "0", avatar: null, bot: true },
    ...fields,
  };
}

async function parseBody(
  type: string | undefined,
  raw: Buffer,
): Promise<Pick<RecordedRequest, "body" | "files">> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (type?.startsWith("multipart/form-data")) {
    const form = await new Response(new Uint8Array(raw), {
      headers: { "content-type": type },
    }).formData();
    const files: RecordedRequest["files"] = [];
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (field === "payload_json") body = JSON.parse(String(value));
      else if (typeof value !== "string")
        files.push({ field, filename: value.name, size: value.size });
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString("utf8")), files: [] };
}
