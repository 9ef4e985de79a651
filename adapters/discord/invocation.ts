// A /mail interaction's subcommand and options → the engine's command text, checked first:
// unknown names, wrong types, missing values and malformed addresses never reach the engine.
import { ApplicationCommandOptionType } from "discord.js";
import { z } from "zod";
import type { Vars } from "../../src/i18n/index.ts";
import { MAX_LENGTH, OPTION_NAME, optionsOf } from "./options.ts";

/** The part of discord.js's CommandInteractionOption this needs. */
export interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: readonly RawOption[];
}

export interface Invocation {
  command: string;
  /** Option values by kind, trimmed. */
  values: Partial<Record<string, string>>;
  /** The engine's command text. */
  text: string;
}

export type Parsed = { ok: true; invocation: Invocation } | { ok: false; key: string; vars: Vars };

const email = z.email();

const refuse = (key: string, vars: Vars = {}): Parsed => ({ ok: false, key, vars });

export function parseInvocation(
  options: readonly RawOption[],
  commands: readonly string[],
): Parsed {
  const [sub] = options;
  if (
    !sub ||
    sub.type !== ApplicationCommandOptionType.Subcommand ||
    !commands.includes(sub.name)
  ) {
    return refuse("discord:errors.unknownSubcommand", { name: sub?.name ?? "" });
  }
  const specs = optionsOf(sub.name);
  const given = sub.options ?? [];
  const values: Record<string, string> = {};
  for (const option of given) {
    const spec = specs.find((s) => OPTION_NAME[s.kind] === option.name);
    if (!spec)
      return refuse("discord:errors.unknownOption", { name: option.name, command: sub.name });
    const value = typeof option.value === "string" ? option.value.trim() : undefined;
    if (
      option.type !== ApplicationCommandOptionType.String ||
      value === undefined ||
      value.length > MAX_LENGTH[spec.kind]
    ) {
      return refuse("discord:errors.badOption", { name: option.name });
    }
    if (value !== "") values[spec.kind] = value;
  }
  for (const spec of specs) {
    if (spec.required && values[spec.kind] === undefined) {
      return refuse("discord:errors.missingOption", {
        name: OPTION_NAME[spec.kind],
        command: sub.name,
      });
    }
  }
  if (values.email !== undefined && !email.safeParse(values.email).success) {
    return refuse("errors.badEmail", { email: values.email });
  }
  const words = specs.flatMap((s) =>
    values[s.kind] === undefined ? [] : [quote(values[s.kind] as string)],
  );
  return {
    ok: true,
    invocation: { command: sub.name, values, text: [sub.name, ...words].join(" ") },
  };
}

/** One engine word, whatever it contains (the engine's grammar splits on spaces outside quotes). */
export function quote(value: string): string {
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  return `"${value.replaceAll('"', "”")}"`;
}
