// The fake OVH API's routes, answered from a real Sandbox (the reference state machine).
import { HostingError, type MailAction, MAX_BOUNCES_PER_CALL } from "../../src/hosting/port.ts";
import type { Sandbox } from "../../src/hosting/sandbox/index.ts";

export interface ApiAnswer {
  status: number;
  body: unknown;
}

export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly errorClass: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface Route {
  method: string;
  pattern: RegExp;
  iamAction: string;
  answer(sandbox: Sandbox, match: RegExpExecArray, query: URLSearchParams, body: unknown): Promise<unknown>;
}

const NAME = "([^/]+)";
const hostingOf = (match: RegExpExecArray) => decodeURIComponent(match[1] ?? "");

export const ROUTES: Route[] = [
  {
    method: "GET",
    pattern: /^\/hosting\/web$/,
    iamAction: "webHosting:apiovh:get",
    answer: (sandbox) => sandbox.listHostings(),
  },
  {
    method: "GET",
    pattern: new RegExp(`^/hosting/web/${NAME}/email$`),
    iamAction: "webHosting:apiovh:email/get",
    async answer(sandbox, match) {
      const { state, sentToday, maxPerDay, sent, bounce, reportRecipient } = await sandbox.getMail(hostingOf(match));
      // `hosting.web.email`: `email` is null when no recipient is set.
      return { bounce, email: reportRecipient || null, maxPerDay, sent, sentToday, state };
    },
  },
  {
    method: "PUT",
    pattern: new RegExp(`^/hosting/web/${NAME}/email$`),
    iamAction: "webHosting:apiovh:email/edit",
    async answer(sandbox, match, _query, body) {
      const fields = body && typeof body === "object" ? Object.keys(body) : [];
      if (fields.length !== 1 || fields[0] !== "email") {
        throw new ApiRefusal(400, "Client::BadRequest", "Only the email field can be changed");
      }
      await sandbox.setReportRecipient(hostingOf(match), String((body as { email: unknown }).email));
      return null;
    },
  },
  {
    method: "POST",
    pattern: new RegExp(`^/hosting/web/${NAME}/email/request$`),
    iamAction: "webHosting:apiovh:email/request/create",
    answer(sandbox, match, _query, body) {
      const action = (body as { action?: unknown } | null)?.action;
      if (action !== "BLOCK" && action !== "PURGE" && action !== "UNBLOCK") {
        throw new ApiRefusal(400, "Client::BadRequest", `Invalid value for action: ${String(action)}`);
      }
      return sandbox.requestAction(hostingOf(match), action as MailAction);
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^/hosting/web/${NAME}/email/bounces$`),
    iamAction: "webHosting:apiovh:email/bounces/get",
    async answer(sandbox, match, query) {
      // `limit` is required in the published model, at most 100.
      const given = query.get("limit");
      if (given === null) throw new ApiRefusal(400, "Client::BadRequest", "Missing parameter: limit");
      const limit = Number(given);
      if (!Number.isInteger(limit) || limit < 0 || limit > MAX_BOUNCES_PER_CALL) {
        throw new ApiRefusal(400, "Client::BadRequest", `Invalid value for limit: at most ${MAX_BOUNCES_PER_CALL}`);
      }
      const list = await sandbox.bounces(hostingOf(match), limit);
      // The control panel reads a 404 here as "no errors".
      if (list.length === 0) throw new ApiRefusal(404, "Client::NotFound", "No bounce found");
      return list.map((b) => ({ date: inProviderZone(b.date), message: b.message, to: b.to }));
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^/hosting/web/${NAME}/email/volumes$`),
    iamAction: "webHosting:apiovh:email/volumes/get",
    async answer(sandbox, match) {
      const list = await sandbox.volumes(hostingOf(match));
      if (list.length === 0) throw new ApiRefusal(404, "Client::NotFound", "No volume history");
      return list.map((v) => ({ date: providerMidnight(v.date), volume: v.volume }));
    },
  },
];

/** The provider's zone (Paris, winter): its answers are date-times with this offset. */
export const PROVIDER_OFFSET = "+01:00";
const OFFSET_MS = 3_600_000;

/** An instant as the published model writes it: a date-time with the provider's zone offset. */
export function inProviderZone(date: string): string {
  const at = Date.parse(date);
  if (!Number.isFinite(at)) return date;
  const local = new Date(at + OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, "");
  return `${local}${PROVIDER_OFFSET}`;
}

/** A day of the volume history: the provider's midnight that day. */
export const providerMidnight = (date: string): string => `${date.slice(0, 10)}T00:00:00${PROVIDER_OFFSET}`;

/** The sandbox's refusals in the API's shape: its own words, as a provider words them. */
export function refusalOf(error: unknown): ApiRefusal {
  if (error instanceof ApiRefusal) return error;
  if (error instanceof HostingError) {
    const hosting = error.details.hosting ?? "";
    if (error.code === "not_found") {
      return new ApiRefusal(404, "Client::NotFound", `The requested object (serviceName = ${hosting}) does not exist`);
    }
    if (error.code === "refused") return new ApiRefusal(409, "Client::Conflict", error.message);
    if (error.code === "invalid") return new ApiRefusal(400, "Client::BadRequest", error.message);
  }
  return new ApiRefusal(500, "Server::InternalServerError", "Internal server error");
}
