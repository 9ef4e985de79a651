// The audit keeps stable outcome codes ("refused:spam", "state_changed:ko", "error:timeout");
// `history` shows them in the reader's words. Unknown codes (from a newer version) stay as is.
import { MAIL_STATES, type MailState } from "../../hosting/port.ts";
import type { Translate } from "../../i18n/index.ts";
import { stateLabel } from "../cards/stateWords.ts";

const PLAIN = new Set([
  "answered",
  "needs_role",
  "click_refused",
  "confirmation_asked",
  "confirmed",
  "cancelled",
  "expired",
  "done",
  "spam_drill",
]);
const REFUSALS = new Set(["alreadyStopped", "alreadyEnabled", "spam", "purging", "blockFirst", "unblockPending"]);

export function outcomeText(t: Translate, code: string): string {
  if (PLAIN.has(code)) return t(`history.outcome.${code}`);
  // "state ok" is how older versions recorded the end of a followed purge or unblock.
  const match = /^([a-z_]+)[: ](.+)$/.exec(code);
  const [kind, detail] = [match?.[1], match?.[2] ?? ""];
  if (kind === "refused" && REFUSALS.has(detail)) return t(`history.refusal.${detail}`);
  if (kind === "already" && detail === "unblockPending") return t("history.outcome.alreadyUnblocking");
  if (kind === "state_changed" && isState(detail)) return t("history.outcome.stateChanged", { state: stateLabel(t, detail) });
  if (kind === "state" && isState(detail)) return t("history.outcome.finished", { state: stateLabel(t, detail) });
  if (kind === "error") return t("history.outcome.error", { code: detail });
  if (kind === "reconciled" && isState(detail)) return t("history.outcome.reconciled", { state: stateLabel(t, detail) });
  return code;
}

const isState = (word: string): word is MailState => (MAIL_STATES as readonly string[]).includes(word);
