// Turns any error into words for the user: UserErrors and HostingErrors are explained;
// anything else is logged with a reference id and shown as a short apology.
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { UserError } from "../errors.ts";
import { HostingError } from "../hosting/port.ts";
import type { Translate } from "../i18n/index.ts";
import { stateLabel } from "./cards/stateWords.ts";

export function errorText(t: Translate, logger: Logger, error: unknown): string {
  if (error instanceof UserError) return t(error.key, error.vars);
  if (error instanceof HostingError) return hostingErrorText(t, logger, error);
  const reference = randomBytes(4).toString("hex");
  logger.error({ err: error, reference }, "unexpected error");
  return t("errors.internal", { reference });
}

function hostingErrorText(t: Translate, logger: Logger, error: HostingError): string {
  const { details } = error;
  logger.warn(
    { code: error.code, hosting: details.hosting, status: details.status, queryId: details.queryId },
    `provider error: ${error.message}`,
  );
  const text = t(`hostingError.${error.code}`, {
    hosting: details.hosting ?? "",
    state: details.state ? stateLabel(t, details.state) : "",
    right: details.missingRight ?? "",
  });
  return details.queryId ? `${text} ${t("hostingError.queryId", { queryId: details.queryId })}` : text;
}
