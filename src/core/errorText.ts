// Turns any error into words for the user: UserErrors and HostingErrors are explained;
// anything else is logged with a reference id and shown as a short apology.
import { randomText } from "../random.ts";
import type { Logger } from "pino";
import { UserError } from "../errors.ts";
import { HostingError, isUnreachable } from "../hosting/port.ts";
import type { Translate } from "../i18n/index.ts";
import { stateLabel } from "./cards/stateWords.ts";
import type { FailureKind } from "./reply.ts";

/** How an error failed, when its exit code differs from a refusal's. */
export function failureKindOf(error: unknown): FailureKind | undefined {
  if (isUnreachable(error)) return "unreachable";
  if (error instanceof UserError && error.usage) return "usage";
  return undefined;
}

export function errorText(t: Translate, logger: Logger, error: unknown): string {
  if (error instanceof UserError) return t(error.key, error.vars);
  if (error instanceof HostingError) {
    const { details } = error;
    logger.warn(
      { code: error.code, hosting: details.hosting, status: details.status, queryId: details.queryId },
      `provider error: ${error.message}`,
    );
    return hostingErrorText(t, error);
  }
  const reference = randomText(4, "hex");
  logger.error({ err: error, reference }, "unexpected error");
  return t("errors.internal", { reference });
}

const MESSAGE_CHARS = 300;

/** The provider's own words, on one line, bounded. */
function quoted(message: string | undefined): string {
  const line = (message ?? "").replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim();
  return line.length > MESSAGE_CHARS ? `${line.slice(0, MESSAGE_CHARS)}…` : line;
}

/** One line: the hosting, what happened, what to do (and the provider's query id, for support). */
export function hostingErrorText(t: Translate, error: HostingError, options: { nameHosting?: boolean } = {}): string {
  const { details } = error;
  let key = `hostingError.${error.code}`;
  if (error.code === "unknown_outcome") {
    key = details.applied === false ? "hostingError.lostNotApplied" : "hostingError.lostUnknown";
  }
  const message = quoted(details.providerMessage);
  if (error.code === "refused" && message) key = "hostingError.refusedSaid";
  let text = t(key, {
    hosting: details.hosting ?? "",
    state: details.state ? stateLabel(t, details.state) : "",
    right: details.missingRight ?? "",
    message,
  });
  if (options.nameHosting !== false && details.hosting && !text.includes(details.hosting)) {
    text = `${details.hosting}: ${text}`;
  }
  return details.queryId ? `${text} ${t("hostingError.queryId", { queryId: details.queryId })}` : text;
}
