// The kinds of argument a command declares, each with its checks and limits. Text commands
// and Discord's typed options are bound by the same rules (bind.ts); Discord's option
// definitions, the help's usage lines and the command schema are read from here.
import * as z from "../../zod.ts";
import type { Vars } from "../../i18n/index.ts";
import { parseDuration } from "./duration.ts";

export type ArgKind = "hosting" | "hostingOrAll" | "reason" | "email" | "duration" | "limit";

export interface ArgSpec {
  kind: ArgKind;
  /**
   * Must be given. A required hosting may still be left out of a typed line when only one
   * hosting exists; an optional one means "none" (history) or "all" (hostingOrAll).
   */
  required: boolean;
}

/** A value's check: the value to use, or the catalog key (and its variables) of the refusal;
 * `usage` when the value of an option is wrong (a one-shot command's exit code 4). */
export type Checked<T> = { ok: true; value: T } | { ok: false; key: string; vars: Vars; usage?: boolean };

export interface KindRule {
  /** The argument's name: Discord's option name, the key of its value. */
  name: string;
  /** Longest value accepted (Discord's max_length); a typed reason is cut to it. */
  maxLength: number;
  /** Offered from the hostings and aliases while typing (Discord autocomplete). */
  autocomplete: boolean;
  /** Takes every remaining word of a typed line. */
  rest: boolean;
  /** Given by its name in a typed line (`--limit 50`), anywhere after the command word. */
  option?: boolean;
  /** JSON schema type of the value as given (an integer is a Discord integer option). */
  schema: { type: "string" } | { type: "integer"; minimum: number; maximum: number };
}

/** `history --limit N`: how many records, by default and at most. */
export const HISTORY_LIMIT = { default: 20, max: 100 } as const;

export const KINDS: Record<ArgKind, KindRule> = {
  hosting: { name: "hosting", maxLength: 253, autocomplete: true, rest: false, schema: { type: "string" } },
  hostingOrAll: { name: "hosting", maxLength: 253, autocomplete: true, rest: false, schema: { type: "string" } },
  reason: { name: "reason", maxLength: 300, autocomplete: false, rest: true, schema: { type: "string" } },
  email: { name: "email", maxLength: 254, autocomplete: false, rest: false, schema: { type: "string" } },
  duration: { name: "duration", maxLength: 20, autocomplete: false, rest: false, schema: { type: "string" } },
  limit: {
    name: "limit",
    maxLength: 3,
    autocomplete: false,
    rest: false,
    option: true,
    schema: { type: "integer", minimum: 1, maximum: HISTORY_LIMIT.max },
  },
};

/** The longest `advance`: two weeks of simulated time. */
export const MAX_DURATION_MS = 14 * 24 * 3_600_000;

const address = z.email();

/**
 * Checks a value that needs no lookup (an address, a duration); hostings are resolved later
 * against the provider's list. `undefined` is a value not given.
 */
export function checkValue(kind: ArgKind, raw: string | undefined): Checked<string | number | undefined> {
  switch (kind) {
    case "email":
      if (!raw) return refuse("errors.recipientMissing");
      if (!address.safeParse(raw).success || raw.length > KINDS.email.maxLength) {
        return refuse("errors.badEmail", { email: raw });
      }
      return { ok: true, value: raw };
    case "duration": {
      const ms = raw === undefined ? null : parseDuration(raw);
      if (ms === null || ms <= 0 || ms > MAX_DURATION_MS) return refuse("errors.badDuration", { value: raw ?? "" });
      return { ok: true, value: ms };
    }
    case "limit": {
      if (raw === undefined) return { ok: true, value: undefined }; // the command's default
      const n = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
      if (!(n >= 1 && n <= HISTORY_LIMIT.max)) {
        return { ok: false, key: "errors.badLimit", vars: { value: raw, max: HISTORY_LIMIT.max }, usage: true };
      }
      return { ok: true, value: n };
    }
    case "reason": {
      // Cut on characters (code points), never inside a surrogate pair.
      const reason = raw === undefined ? undefined : Array.from(raw.trim()).slice(0, KINDS.reason.maxLength).join("");
      return { ok: true, value: reason ? reason : undefined };
    }
    default:
      return { ok: true, value: raw };
  }
}

const refuse = (key: string, vars: Vars = {}): Checked<never> => ({ ok: false, key, vars });
