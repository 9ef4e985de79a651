// Pending confirmations: single-use tokens behind the buttons, kept in the store so they
// survive a restart. Button ids carry only `mb:<verb>:<token>`.
import { randomBytes } from "node:crypto";
import type { Confirmation } from "../store/schema.ts";
import type { Store } from "../store/store.ts";

export type Verb = "ok" | "no" | "go";

export const buttonId = (verb: Verb, token: string): string => `mb:${verb}:${token}`;

export function parseButtonId(id: string): { verb: Verb; token: string } | null {
  const match = /^mb:(ok|no|go):([A-Za-z0-9_-]{16,64})$/.exec(id);
  return match ? { verb: match[1] as Verb, token: match[2] as string } : null;
}

/** Decided confirmations are kept this long so late clicks learn who decided. */
const KEEP_DECIDED_MS = 7 * 24 * 3_600_000;

/**
 * Creates a pending confirmation. A newer request by the same person for the same action on
 * the same hosting replaces an older pending one (whose button then answers "not valid"),
 * so repeated requests cannot pile up.
 */
export function createConfirmation(
  store: Store,
  fields: Omit<Confirmation, "token" | "status">,
): Confirmation {
  const all = store.data.confirmations;
  if (fields.requester) {
    for (const [token, c] of Object.entries(all)) {
      if (c.status === "pending" && samePerson(c, fields) && c.mutation === fields.mutation && c.hosting === fields.hosting) {
        delete all[token];
      }
    }
  }
  pruneConfirmations(store, fields.createdAt);
  const confirmation: Confirmation = {
    ...fields,
    token: randomBytes(16).toString("base64url"),
    status: "pending",
  };
  all[confirmation.token] = confirmation;
  return confirmation;
}

const samePerson = (a: Pick<Confirmation, "requester">, b: Pick<Confirmation, "requester">) =>
  a.requester?.platform === b.requester?.platform && a.requester?.id === b.requester?.id;

/** Forgets confirmations decided or expired long ago, so the file stays small. */
export function pruneConfirmations(store: Store, now: number): void {
  for (const [token, c] of Object.entries(store.data.confirmations)) {
    if ((c.decidedAt ?? c.expiresAt) < now - KEEP_DECIDED_MS) delete store.data.confirmations[token];
  }
}
