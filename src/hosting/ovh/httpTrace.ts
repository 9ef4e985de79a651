// node-ovh hides its HTTP request and the response headers. Node's HTTP diagnostics
// channels, matched to our call through AsyncLocalStorage, give us both: the request (to
// abort it at our deadline) and the X-Ovh-QueryID (worth quoting to support).
import { AsyncLocalStorage } from "node:async_hooks";
import { subscribe } from "node:diagnostics_channel";
import type { ClientRequest, IncomingMessage } from "node:http";

export interface CallTrace {
  request?: ClientRequest;
  queryId?: string;
  status?: number;
  /** The Retry-After header of the answer, as sent. */
  retryAfter?: string;
}

const storage = new AsyncLocalStorage<CallTrace>();
const traces = new WeakMap<ClientRequest, CallTrace>();
let subscribed = false;

function ensureSubscribed(): void {
  if (subscribed) return;
  subscribed = true;
  subscribe("http.client.request.start", (message) => {
    const trace = storage.getStore();
    const { request } = message as { request: ClientRequest };
    if (!trace) return;
    trace.request = request;
    traces.set(request, trace);
  });
  subscribe("http.client.response.finish", (message) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    const trace = traces.get(request);
    if (!trace) return;
    const header = response.headers["x-ovh-queryid"];
    trace.queryId = Array.isArray(header) ? header[0] : header;
    trace.status = response.statusCode;
    const retryAfter = response.headers["retry-after"];
    if (retryAfter !== undefined) trace.retryAfter = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
  });
}

/** Runs `work` with a trace that collects the query id of the HTTP request it makes. */
export function traced<T>(trace: CallTrace, work: () => Promise<T>): Promise<T> {
  ensureSubscribed();
  return storage.run(trace, work);
}
