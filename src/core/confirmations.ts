// Pending confirmations: single-use tokens behind the buttons, kept in the store so they
// survive a restart. Button ids carry only `mb:<verb>:<token>`.

export type Verb = "ok" | "no" | "go";

export const buttonId = (verb: Verb, token: string): string => `mb:${verb}:${token}`;

export function parseButtonId(id: string): { verb: Verb; token: string } | null {
  const match = /^mb:(ok|no|go):([A-Za-z0-9_-]{16,64})$/.exec(id);
  return match ? { verb: match[1] as Verb, token: match[2] as string } : null;
}

/** Decided confirmations are kept this long so late clicks learn who decided. */
export const KEEP_DECIDED_MS = 7 * 24 * 3_600_000;
