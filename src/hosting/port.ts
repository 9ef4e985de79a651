// The hosting-mail port: what mailbrake needs from a provider of web hostings
// (DOMAIN.md). The embedded sandbox and the OVHcloud API both implement it.
import type { CallLane } from "./callLane.ts";

/** The states of the published model (`hosting.web.mail.StateEnum`). */
export const MAIL_STATES = ["ok", "force", "ko", "bounce", "spam", "purging"] as const;
export type KnownState = (typeof MAIL_STATES)[number];
/**
 * A state as read: one of the model's, or "unknown" when the provider answered a value the
 * model does not list (its own word is then in `HostingMail.stateName`). Unknown counts as stopped.
 */
export type MailState = KnownState | "unknown";

/** States in which sending is stopped and new mail is held (or being purged). */
export const STOPPED_STATES: readonly MailState[] = ["ko", "bounce", "spam", "purging", "unknown"];
export const isStopped = (state: MailState): boolean => STOPPED_STATES.includes(state);
/** States in which sending is on ("force": on, with the provider's daily limit lifted). */
export const SENDING_STATES: readonly MailState[] = ["ok", "force"];
export const isSending = (state: string): boolean => (SENDING_STATES as readonly string[]).includes(state);

export const MAIL_ACTIONS = ["BLOCK", "PURGE", "UNBLOCK"] as const;
export type MailAction = (typeof MAIL_ACTIONS)[number];

export interface HostingMail {
  state: MailState;
  /** Mails sent today. */
  sentToday: number;
  /** Daily maximum. */
  maxPerDay: number;
  /** Cumulative mails sent since the hosting was created. */
  sent: number;
  /** Cumulative mails in error since the hosting was created. */
  bounce: number;
  /** Recipient of the daily error report ("" when none is set: the model's `email` is nullable). */
  reportRecipient: string;
  /** The provider's own word when `state` is "unknown". */
  stateName?: string;
}

/** `hosting.web.mail.Bounce`: the recipient and the message are nullable in the model. */
export interface Bounce {
  /** ISO 8601 date-time with a zone offset (older answers: a day). */
  date: string;
  to: string | null;
  message: string | null;
}

/** `hosting.web.mail.VolumeHistory`: one day's mails sent; the count is nullable in the model. */
export interface Volume {
  /** ISO 8601 date-time with a zone offset (the day's start), or a day-only date. */
  date: string;
  volume: number | null;
}

export const MAX_BOUNCES_PER_CALL = 100;

export interface HostingProvider {
  /** "sandbox" or "ovh": shown in logs and `doctor`. */
  readonly kind: string;
  listHostings(): Promise<string[]>;
  getMail(hosting: string): Promise<HostingMail>;
  /** Returns the provider's reference for the request (a task id or message). */
  requestAction(hosting: string, action: MailAction): Promise<string>;
  setReportRecipient(hosting: string, email: string): Promise<void>;
  /** Newest errors first, at most MAX_BOUNCES_PER_CALL. */
  bounces(hosting: string, limit: number): Promise<Bounce[]>;
  /** Sent-volume history, newest first. */
  volumes(hosting: string): Promise<Volume[]>;
  /** The same provider, its calls counted as `lane`'s in a call budget (when it has one). */
  forLane?(lane: CallLane): HostingProvider;
}

export type HostingErrorCode =
  | "not_found" // unknown hosting
  | "refused" // action not allowed in the current state
  | "invalid" // a bad value (e.g. e-mail address)
  | "auth" // bad or expired credentials
  | "forbidden" // credentials lack a right
  | "rate_limited"
  | "timeout"
  | "unavailable" // network down, 5xx
  | "unknown_outcome" // a write whose answer was lost
  | "unknown";

/**
 * A provider failure (a CodedError). `message` is English for logs; users see a catalog text
 * chosen by `code`; `cause` is the client's own error, when there was one.
 */
export class HostingError extends Error {
  override readonly name = "HostingError";
  constructor(
    readonly code: HostingErrorCode,
    message: string,
    readonly details: {
      hosting?: string;
      state?: MailState;
      action?: MailAction;
      providerClass?: string;
      status?: number;
      queryId?: string;
      missingRight?: string;
      /** The provider's own words (a refusal's message), to show as they are. */
      providerMessage?: string;
      /** For "unknown_outcome": what the state read back shows (undefined: it cannot tell). */
      applied?: boolean;
    } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The provider could not be reached, or did not answer usefully, after retries (network,
 * timeout, 5xx): worth trying again later, unlike a refusal. */
export const isUnreachable = (error: unknown): boolean =>
  error instanceof HostingError && (error.code === "unavailable" || error.code === "timeout");
