// node-ovh rejects with plain objects ({ error: status | errno | string | Error, message }).
// This turns each into a HostingError with a code, plus what the caller may do next.
import { HostingError, type HostingErrorCode } from "../port.ts";
import { routeOf } from "./rights.ts";

export interface CallInfo {
  method: string;
  path: string;
  hosting?: string;
  queryId?: string;
}

export interface Classified {
  error: HostingError;
  /** A read may be tried again (transient failure). */
  retryable: boolean;
  /** The request may have reached the API and been applied (a write must be read back). */
  maybeApplied: boolean;
  /** The signature was refused for its timestamp: re-sync with /auth/time and send again. */
  resync: boolean;
}

/** Connection failures where nothing was sent (by errno and by code). */
const NOT_SENT_ERRNOS = new Set([-111, -113, -101, -3008, -3001, -3007]);
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

const IAM_ACTION = /\b[a-zA-Z]+:apiovh:[\w/.-]*\w/;
const TIME_REFUSAL = /signature|out of time|timestamp/i;
const CREDENTIAL_REFUSAL = /credential|application key|consumer key|invalid key|not authenticated/i;

export function classify(raw: unknown, info: CallInfo): Classified {
  const base = { hosting: info.hosting, queryId: info.queryId };
  const where = `${info.method} ${info.path}`;
  const make = (code: HostingErrorCode, message: string, extra: Partial<HostingError["details"]> = {}) =>
    new HostingError(code, `${message} (${where})`, { ...base, ...extra }, { cause: raw });
  const result = (error: HostingError, flags: Partial<Omit<Classified, "error">> = {}): Classified => ({
    error,
    retryable: false,
    maybeApplied: false,
    resync: false,
    ...flags,
  });

  const { error, message } = unpack(raw);
  const text = typeof message === "string" ? message : "";

  if (typeof error === "number" && error >= 100) {
    const status = error;
    const withStatus = { status, providerClass: providerClass(status) };
    if (status === 400 && TIME_REFUSAL.test(text)) {
      return result(make("auth", `OVHcloud refused the request signature: ${text}`, withStatus), { resync: true });
    }
    const said = { ...withStatus, providerMessage: text || undefined };
    if (status === 400) return result(make("invalid", `OVHcloud refused the request: ${text}`, said));
    if (status === 401 || status === 460) {
      return result(make("auth", `OVHcloud refused the credentials (HTTP ${status}): ${text}`, withStatus));
    }
    if (status === 403) {
      const named = IAM_ACTION.exec(text)?.[0];
      if (!named && CREDENTIAL_REFUSAL.test(text) && !/grant/i.test(text)) {
        return result(make("auth", `OVHcloud refused the credentials: ${text}`, withStatus));
      }
      const missingRight = named ?? routeOf(info.method, info.path)?.iamAction;
      return result(make("forbidden", `OVHcloud denied the call: ${text}`, { ...withStatus, missingRight }));
    }
    if (status === 404) return result(make("not_found", `OVHcloud does not know this object: ${text}`, withStatus));
    if (status === 409) {
      // The refusal's wording is not documented: the caller reads the state back.
      return result(make("refused", `OVHcloud refused the action: ${text}`, said));
    }
    if (status === 429) {
      return result(make("rate_limited", `OVHcloud is rate limiting: ${text}`, withStatus), { retryable: true });
    }
    if (status >= 500) {
      return result(make("unavailable", `OVHcloud answered HTTP ${status}: ${text}`, withStatus), {
        retryable: true,
        maybeApplied: true,
      });
    }
    return result(make("unknown", `OVHcloud answered HTTP ${status}: ${text}`, withStatus));
  }

  if (typeof error === "string") {
    if (/parse JSON/i.test(error)) {
      return result(make("unavailable", "OVHcloud answered something that is not JSON"), {
        retryable: true,
        maybeApplied: true,
      });
    }
    if (/API time/i.test(error)) {
      return result(make("unavailable", "OVHcloud could not be reached (the time check failed: network or TLS)"), {
        retryable: true,
      });
    }
    return result(make("unknown", `OVHcloud client error: ${error}`));
  }

  const errno = typeof error === "number" ? error : undefined;
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  if ((errno !== undefined && NOT_SENT_ERRNOS.has(errno)) || (code && NOT_SENT_CODES.has(code))) {
    return result(make("unavailable", `OVHcloud could not be reached (${code ?? `errno ${errno}`})`), {
      retryable: true,
    });
  }
  if (errno !== undefined || error instanceof Error) {
    const reason = error instanceof Error ? error.message : `errno ${errno}`;
    return result(make("unavailable", `The connection to OVHcloud failed: ${reason}`), {
      retryable: true,
      maybeApplied: true,
    });
  }
  return result(make("unknown", "OVHcloud client failed in an unexpected way"));
}

/** node-ovh wraps an OAuth2 token failure ({ statusCode, error }) inside `error`. */
function unpack(raw: unknown): { error: unknown; message: unknown } {
  if (!raw || typeof raw !== "object" || !("error" in raw)) return { error: raw, message: undefined };
  const { error, message } = raw as { error: unknown; message?: unknown };
  if (error && typeof error === "object" && !(error instanceof Error) && "statusCode" in error) {
    const inner = error as { statusCode?: unknown; error?: unknown };
    if (typeof inner.statusCode === "number") return { error: inner.statusCode, message: String(inner.error ?? "") };
  }
  return { error, message };
}

function providerClass(status: number): string {
  const names: Record<number, string> = {
    400: "Client::BadRequest",
    401: "Client::Unauthorized",
    403: "Client::Forbidden",
    404: "Client::NotFound",
    409: "Client::Conflict",
    429: "Client::TooManyRequests",
  };
  return names[status] ?? (status >= 500 ? "Server::InternalServerError" : `HTTP ${status}`);
}
