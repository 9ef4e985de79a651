// A /mail interaction's subcommand and options → the engine's named values, checked first:
// unknown names, wrong types, missing values and malformed addresses never reach the engine.
// The values are bound by the engine as a typed line's words are, never turned back into text.
import { ApplicationCommandOptionType } from "discord.js";
import { checkValue, KINDS } from "../../src/core/args/kinds.ts";
import type { Vars } from "../../src/i18n/index.ts";
import { type Declared, optionName, optionsOf } from "./options.ts";

/** The part of discord.js's CommandInteractionOption this needs. */
export interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: readonly RawOption[];
}

export interface Invocation {
  command: string;
  /** Option values by name, trimmed. */
  values: Partial<Record<string, string>>;
}

export type Parsed = { ok: true; invocation: Invocation } | { ok: false; key: string; vars: Vars };

const refuse = (key: string, vars: Vars = {}): Parsed => ({ ok: false, key, vars });

export function parseInvocation(
  options: readonly RawOption[],
  commands: readonly Declared[],
): Parsed {
  const [sub] = options;
  if (
    !sub ||
    sub.type !== ApplicationCommandOptionType.Subcommand ||
    !commands.some((c) => c.name === sub.name)
  ) {
    return refuse("discord:errors.unknownSubcommand", { name: sub?.name ?? "" });
  }
  const specs = optionsOf(commands, sub.name);
  const given = sub.options ?? [];
  const values: Record<string, string> = {};
  for (const option of given) {
    const spec = specs.find((s) => optionName(s) === option.name);
    if (!spec)
      return refuse("discord:errors.unknownOption", { name: option.name, command: sub.name });
    // An integer option (history's limit) arrives as a number: bound as its digits.
    const integer = KINDS[spec.kind].schema.type === "integer";
    const value =
      integer && typeof option.value === "number" && Number.isInteger(option.value)
        ? String(option.value)
        : typeof option.value === "string" && !integer
          ? option.value.trim()
          : undefined;
    if (
      option.type !== (integer ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.String) ||
      value === undefined ||
      value.length > KINDS[spec.kind].maxLength
    ) {
      return refuse("discord:errors.badOption", { name: option.name });
    }
    if (value !== "") values[option.name] = value;
  }
  for (const spec of specs) {
    if (spec.required && values[optionName(spec)] === undefined) {
      return refuse("discord:errors.missingOption", {
        name: optionName(spec),
        command: sub.name,
      });
    }
  }
  // The engine checks these again when it binds them: said here, before deferring.
  for (const spec of specs) {
    const value = values[optionName(spec)];
    if (value === undefined) continue;
    const checked = checkValue(spec.kind, value);
    if (!checked.ok) return refuse(checked.key, checked.vars);
  }
  return { ok: true, invocation: { command: sub.name, values } };
}
