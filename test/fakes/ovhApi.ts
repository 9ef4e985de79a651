// A fake OVHcloud API v1 over HTTPS on 127.0.0.1, backed by a real Sandbox. It checks every
// request the way the real API does (application key, consumer key, timestamp window,
// "$1$" SHA-1 signature, granted rights), answers errors in the real shape with an
// X-Ovh-QueryID header, and can inject faults.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { Sandbox } from "../../src/hosting/sandbox/index.ts";
import { loopbackCertificate } from "./ovhCert.ts";
import { ApiRefusal, refusalOf, ROUTES } from "./ovhRoutes.ts";

export const FAKE_CREDENTIALS = {
  appKey: "fakeAppKey7d3c",
  appSecret: "fakeAppSecret-9f8e7d6c5b4a",
  consumerKey: "fakeConsumerKey-1a2b3c4d5e6f",
};

/** An OAuth2 service account the fake knows (client credentials grant). */
export const FAKE_OAUTH = { clientId: "fake-client-id", clientSecret: "fake-client-secret-5e4d3c2b1a" };

export type FaultKind =
  | "status500" // 500 with the real error shape
  | "text503" // 503 with an HTML body (not JSON)
  | "hang" // never answers
  | "loseAnswer" // does the work, then drops the connection before answering
  | "forbiddenIam" // 403 naming the missing IAM action
  | "expired460" // 460: the consumer key expired
  | "rateLimited" // 429 (with `Retry-After: retryAfterS` when given)
  | "notFound404" // 404 in the real shape, as for an empty list
  | "badJson" // 200 with a body cut short (malformed JSON)
  | "html502" // a proxy's HTML error page
  | "reset" // the connection is cut before anything is done
  | "hold"; // held until `release` resolves, then answered normally

export interface Fault {
  kind: FaultKind;
  method?: string;
  /** Matches when the API path (without /1.0) contains this. */
  path?: string;
  /** How many matching requests it hits (default 1). */
  times?: number;
  /** For "rateLimited": the Retry-After header, in seconds. */
  retryAfterS?: number;
  /** For "hold": the request is answered once this settles. */
  release?: Promise<unknown>;
  /** For "hold": called when a request is being held. */
  onHeld?: (request: SeenRequest) => void;
}

/** Rewrites a successful answer (null fields, extra fields, an unknown state…). */
export interface Reshape {
  method?: string;
  /** Matches when the API path (without /1.0) ends with this. */
  pathEnd: string;
  body(answer: unknown): unknown;
}

export interface SeenRequest {
  method: string;
  path: string;
  /** The query string ("?limit=100"), "" when none. */
  query: string;
  status: number | "dropped" | "hung";
  queryId: string;
}

export interface FakeOvhOptions {
  sandbox: Sandbox;
  latencyMs?: number;
  /** Seconds the API's clock is ahead of this machine's. */
  skewSeconds?: number;
  /** Granted IAM actions; default all of them. */
  granted?: string[];
}

const TIME_WINDOW_S = 60;

export class FakeOvhApi {
  readonly requests: SeenRequest[] = [];
  readonly faults: Fault[] = [];
  readonly reshapes: Reshape[] = [];
  /** Called when a request is left unanswered ("hang", or "hold" without its own onHeld). */
  onHang?: (request: SeenRequest) => void;
  skewSeconds: number;
  latencyMs: number;
  granted: Set<string>;
  credentialExpired = false;
  /** What GET /auth/currentCredential says about the consumer key's expiry. */
  credentialExpiration: string | null = null;
  private inFlightNow = 0;
  private peak = 0;
  private readonly sockets = new Set<Socket>();
  private queryCount = 0;
  private readonly accessTokens = new Set<string>();

  private constructor(
    private readonly server: Server,
    readonly sandbox: Sandbox,
    options: FakeOvhOptions,
  ) {
    this.skewSeconds = options.skewSeconds ?? 0;
    this.latencyMs = options.latencyMs ?? 0;
    this.granted = new Set(options.granted ?? ROUTES.map((route) => route.iamAction));
  }

  static async start(options: FakeOvhOptions): Promise<FakeOvhApi> {
    const pems = await loopbackCertificate();
    const server = createServer({ key: pems.key, cert: pems.cert });
    const fake = new FakeOvhApi(server, options.sandbox, options);
    server.on("request", (req, res) => void fake.handle(req, res));
    server.on("secureConnection", (socket) => {
      fake.sockets.add(socket);
      socket.on("close", () => fake.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get port(): number {
    const address = this.server.address();
    if (!address || typeof address === "string") throw new Error("fake OVH API is not listening");
    return address.port;
  }

  /** `host:port`, as OVH_ENDPOINT. */
  get endpoint(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Most requests ever being answered at once. */
  get peakInFlight(): number {
    return this.peak;
  }

  inject(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  /** Every later successful answer of a route goes through `reshape.body`. */
  reshape(reshape: Reshape): void {
    this.reshapes.push(reshape);
  }

  serverTime(): number {
    return Math.round(Date.now() / 1000) + this.skewSeconds;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "https://127.0.0.1");
    const method = req.method ?? "GET";
    const path = url.pathname.replace(/^\/1\.0/, "");
    const queryId = `EU.ext-3.${(++this.queryCount).toString(16)}.${randomBytes(4).toString("hex")}`;
    const seen: SeenRequest = { method, path, query: url.search, status: 0, queryId };
    this.requests.push(seen);
    this.inFlightNow++;
    this.peak = Math.max(this.peak, this.inFlightNow);
    try {
      if (this.latencyMs > 0) await sleep(this.latencyMs);
      const fault = this.takeFault(method, path);
      if (fault?.kind === "hang") {
        seen.status = "hung";
        this.onHang?.(seen);
        return;
      }
      if (fault?.kind === "text503" || fault?.kind === "html502") {
        const status = fault.kind === "text503" ? 503 : 502;
        seen.status = status;
        res.writeHead(status, { "Content-Type": "text/html", "X-Ovh-QueryID": queryId });
        res.end(`<html><head><title>${status}</title></head><body><h1>${status} Bad Gateway</h1></body></html>`);
        return;
      }
      if (fault?.kind === "reset") {
        seen.status = "dropped";
        req.socket.destroy(); // the client sees the connection go (ECONNRESET / socket hang up)
        return;
      }
      if (fault?.kind === "hold") {
        seen.status = "hung";
        (fault.onHeld ?? this.onHang)?.(seen);
        await fault.release;
      }
      const answer = await this.answer(method, path, url.searchParams, req, body, fault);
      if (fault?.kind === "badJson" && answer.status === 200) {
        seen.status = 200;
        res.writeHead(200, { "Content-Type": "application/json", "X-Ovh-QueryID": queryId });
        res.end(JSON.stringify(answer.body).slice(0, -1) || "{");
        return;
      }
      if (fault?.kind === "loseAnswer") {
        seen.status = "dropped";
        req.socket.destroy();
        return;
      }
      seen.status = answer.status;
      const headers: Record<string, string> = { "Content-Type": "application/json", "X-Ovh-QueryID": queryId };
      if (fault?.kind === "rateLimited" && fault.retryAfterS !== undefined) headers["Retry-After"] = String(fault.retryAfterS);
      res.writeHead(answer.status, headers);
      res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
    } finally {
      this.inFlightNow--;
    }
  }

  private async answer(
    method: string,
    path: string,
    query: URLSearchParams,
    req: IncomingMessage,
    body: string,
    fault: Fault | undefined,
  ): Promise<{ status: number; body: unknown }> {
    try {
      if (method === "GET" && path === "/auth/time") return { status: 200, body: this.serverTime() };
      if (method === "POST" && path === "/auth/oauth2/token") return this.issueToken(req, body);
      this.checkSignature(method, req, body);
      if (fault?.kind === "status500") throw new ApiRefusal(500, "Server::InternalServerError", "Internal server error");
      if (fault?.kind === "expired460") throw new ApiRefusal(460, "Client::Forbidden", "This credential has expired");
      if (fault?.kind === "rateLimited") throw new ApiRefusal(429, "Client::TooManyRequests", "Too many requests");
      if (fault?.kind === "notFound404") throw new ApiRefusal(404, "Client::NotFound", "The requested object does not exist");
      if (method === "GET" && path === "/auth/currentCredential") return { status: 200, body: this.credential() };
      for (const route of ROUTES) {
        const match = route.method === method ? route.pattern.exec(path) : null;
        if (!match) continue;
        if (fault?.kind === "forbiddenIam") {
          throw new ApiRefusal(403, "Client::Forbidden", "This call has not been granted", {
            unauthorizedActionsByIAM: [route.iamAction],
          });
        }
        if (!this.granted.has(route.iamAction)) {
          throw new ApiRefusal(403, "Client::Forbidden", "This call has not been granted", {
            unauthorizedActionsByIAM: [route.iamAction],
          });
        }
        const parsed = body === "" ? null : parseJson(body);
        let value = await route.answer(this.sandbox, match, query, parsed);
        for (const reshape of this.reshapes) {
          if ((!reshape.method || reshape.method === method) && path.endsWith(reshape.pathEnd)) value = reshape.body(value);
        }
        return { status: 200, body: value };
      }
      throw new ApiRefusal(404, "Client::NotFound", `Got an invalid (or empty) URL`);
    } catch (error) {
      const refusal = refusalOf(error);
      const answer: Record<string, unknown> = { class: refusal.errorClass, message: refusal.message };
      if (refusal.details) answer.details = refusal.details;
      return { status: refusal.status, body: answer };
    }
  }

  private checkSignature(method: string, req: IncomingMessage, body: string): void {
    const header = (name: string) => String(req.headers[name] ?? "");
    const bearer = /^Bearer (.+)$/.exec(header("authorization"))?.[1];
    if (bearer !== undefined) {
      if (this.accessTokens.has(bearer)) return;
      throw new ApiRefusal(401, "Client::Unauthorized", "The access token is invalid or expired");
    }
    if (header("x-ovh-application") !== FAKE_CREDENTIALS.appKey) {
      throw new ApiRefusal(403, "Client::Forbidden", "This application key is invalid");
    }
    if (header("x-ovh-consumer") !== FAKE_CREDENTIALS.consumerKey) {
      throw new ApiRefusal(403, "Client::Forbidden", "This credential does not exist");
    }
    if (this.credentialExpired) throw new ApiRefusal(460, "Client::Forbidden", "This credential has expired");
    const timestamp = Number(header("x-ovh-timestamp"));
    if (!Number.isFinite(timestamp) || Math.abs(timestamp - this.serverTime()) > TIME_WINDOW_S) {
      throw new ApiRefusal(400, "Client::BadRequest", "Query out of time");
    }
    const { appSecret, consumerKey } = FAKE_CREDENTIALS;
    const signed = [appSecret, consumerKey, method, `https://127.0.0.1${req.url}`, body, timestamp].join("+");
    const expected = `$1$${createHash("sha1").update(signed).digest("hex")}`;
    if (header("x-ovh-signature") !== expected) {
      throw new ApiRefusal(400, "Client::BadRequest", "Invalid signature");
    }
  }

  /** POST /auth/oauth2/token: client credentials in a Basic header (simple-oauth2's default). */
  private issueToken(req: IncomingMessage, body: string): { status: number; body: unknown } {
    const basic = /^Basic (.+)$/.exec(String(req.headers.authorization ?? ""))?.[1] ?? "";
    const [id, secret] = Buffer.from(basic, "base64").toString("utf8").split(":").map(decodeURIComponent);
    const grant = new URLSearchParams(body).get("grant_type");
    if (id !== FAKE_OAUTH.clientId || secret !== FAKE_OAUTH.clientSecret || grant !== "client_credentials") {
      return { status: 401, body: { error: "invalid_client", error_description: "Bad client credentials" } };
    }
    const token = `fake-access-${randomBytes(8).toString("hex")}`;
    this.accessTokens.add(token);
    return { status: 200, body: { access_token: token, token_type: "Bearer", expires_in: 3600, scope: "all" } };
  }

  /** GET /auth/currentCredential: the consumer key's rules, from the granted actions. */
  private credential() {
    const rules = ROUTES.filter((route) => this.granted.has(route.iamAction)).map((route) => ({
      method: route.method,
      path: route.pattern.source
        .replace(/^\^/, "")
        .replace(/\$$/, "")
        .replace(/\\\//g, "/")
        .replace("([^/]+)", "*"),
    }));
    return { credentialId: 1, applicationId: 1, status: "validated", rules, expiration: this.credentialExpiration };
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const index = this.faults.findIndex(
      // /auth/time only takes a fault aimed at it by name.
      (fault) =>
        (!fault.method || fault.method === method) &&
        (fault.path ? path.includes(fault.path) : path !== "/auth/time"),
    );
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      text += chunk;
    });
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiRefusal(400, "Client::BadRequest", "Invalid JSON body");
  }
}
