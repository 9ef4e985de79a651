// The platform-neutral reply model (DESIGN.md). Adapters render it with pure functions.
// All strings here are already translated; renderers only lay them out.

export type Tone = "info" | "success" | "warning" | "danger";
export type ButtonStyle = "primary" | "danger" | "default";

/**
 * What a click does: `confirm` carries out the card's request, `cancel` drops it, `offer`
 * (an alert's button) opens a confirmation of its own for the person who clicks.
 */
export type ButtonRole = "confirm" | "cancel" | "offer";

export interface Button {
  /** Opaque id: `mb:<verb>:<token>`, within Discord's 100-character custom_id. */
  id: string;
  /** Adapters read this, never the id (the terminal asks for a confirm, or cancels). */
  role: ButtonRole;
  label: string;
  style: ButtonStyle;
  /** A second gate the platform shows before sending the click (Slack's confirm dialog). */
  confirm?: { title: string; text: string; confirm: string; deny: string };
}

export interface Field {
  label: string;
  value: string;
}

export type Block =
  | { type: "text"; text: string }
  | { type: "fields"; fields: Field[] }
  | { type: "divider" }
  | { type: "actions"; buttons: Button[] }
  /** A short line of secondary information (who, when, references). */
  | { type: "context"; text: string };

export interface Card {
  title: string;
  tone: Tone;
  blocks: Block[];
}

export interface Attachment {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface Reply {
  /** Complete plain-text fallback. */
  text: string;
  card?: Card;
  visibility: "requester" | "channel";
  attachments?: Attachment[];
  /**
   * The person the first line names by display name (an announcement's decider): a platform
   * that can name them by id (Discord's `<@id>`) does so, so the name cannot be spoofed.
   */
  mention?: { platform: string; id: string; name: string };
  /** Set when the request was refused or failed (exit code of one-shot commands). */
  failed?: boolean;
  /** With `failed`, a failure of its own exit code: the provider could not be reached (after
   * retries: network, timeout, 5xx), or the command was used wrongly (a bad option value). */
  failedAs?: FailureKind;
  /**
   * The action the reply's Confirm button performs, when it asks for a decision. It may differ
   * from the command asked (a purge of a sending hosting offers a block): `--yes` confirms only
   * the action named on the command line.
   */
  confirms?: "block" | "unblock" | "purge" | "recipient";
  /** Machine-readable result for `--json` (raw provider fields). */
  data?: unknown;
}

export const MAX_BUTTONS_PER_ROW = 5;
export const MAX_BUTTON_ID_LENGTH = 100;

/** A short private answer with no card. */
export const notice = (text: string): Reply => ({ text, visibility: "requester" });

export type FailureKind = "unreachable" | "usage";

/** A private answer saying the request was refused or failed (and how, when it matters). */
export const failure = (text: string, kind?: FailureKind): Reply => ({
  text,
  visibility: "requester",
  failed: true,
  ...(kind ? { failedAs: kind } : {}),
});
