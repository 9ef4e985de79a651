// fetch() over node:http and node:https with kept-alive connections, for the Slack and Discord
// REST clients. Node's global fetch sets up undici's HTTP client on first use (its WebAssembly
// parser, a second V8 context): after five requests a process holds 5.5 MB more resident memory
// than with this file, and an idle bot keeps it.
// Redirects are never followed (neither API redirects; Slack's client asks for an error).
import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

export const keepAliveAgents = {
  http: new HttpAgent({ keepAlive: true }),
  https: new HttpsAgent({ keepAlive: true }),
};

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface NodeFetchInit {
  method?: string;
  headers?: HeadersInit;
  body?: BodyInit | null;
  redirect?: RequestRedirect;
  signal?: AbortSignal | null;
}

export async function nodeFetch(input: string | URL, init: NodeFetchInit = {}): Promise<Response> {
  init.signal?.throwIfAborted();
  const url = new URL(input);
  const method = (init.method ?? "GET").toUpperCase();
  const headers = new Headers(init.headers);
  const body = await bytes(init.body, headers);
  if (body) headers.set("content-length", String(body.byteLength));
  const secure = url.protocol === "https:";
  const send = secure ? httpsRequest : httpRequest;

  return new Promise<Response>((resolve, reject) => {
    const req = send(url, {
      method,
      headers: Object.fromEntries(headers),
      agent: secure ? keepAliveAgents.https : keepAliveAgents.http,
    });
    const abort = () => req.destroy(init.signal?.reason);
    init.signal?.addEventListener("abort", abort, { once: true });
    const settle = () => init.signal?.removeEventListener("abort", abort);
    req.on("error", (error) => {
      settle();
      reject(error);
    });
    req.on("response", (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", (error) => {
        settle();
        reject(error);
      });
      res.on("end", () => {
        settle();
        const status = res.statusCode ?? 0;
        if (REDIRECT_STATUSES.has(status) && init.redirect === "error") {
          reject(new TypeError(`fetch: unexpected redirect (${status})`));
          return;
        }
        const nullBody = NULL_BODY_STATUSES.has(status) || method === "HEAD";
        resolve(
          new Response(nullBody ? null : Buffer.concat(chunks), {
            status,
            statusText: res.statusMessage ?? "",
            headers: responseHeaders(res),
          }),
        );
      });
    });
    req.end(body);
  });
}

/** The request body as bytes; a FormData or URLSearchParams also sets its content type. */
async function bytes(
  body: BodyInit | null | undefined,
  headers: Headers,
): Promise<Uint8Array | undefined> {
  if (body === null || body === undefined) return undefined;
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof Uint8Array) return body;
  // The standard encoding (multipart boundary included), done by the platform's own Response.
  const encoded = new Response(body);
  const type = encoded.headers.get("content-type");
  if (type && !headers.has("content-type")) headers.set("content-type", type);
  return new Uint8Array(await encoded.arrayBuffer());
}

function responseHeaders(res: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2)
    headers.append(raw[i] as string, raw[i + 1] as string);
  return headers;
}
