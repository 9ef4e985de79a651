// The typed options of each /mail subcommand, read from the engine's command declarations.
import type { Command } from "../../src/core/commands/command.ts";
import { type ArgSpec, KINDS } from "../../src/core/args/kinds.ts";

export type Declared = Pick<Command, "name" | "args">;

/** The option's name in interactions (the English, canonical one). */
export const optionName = (spec: ArgSpec): string => KINDS[spec.kind].name;

/** The options of a declared command, found by name. */
export function optionsOf(commands: readonly Declared[], command: string): readonly ArgSpec[] {
  return commands.find((c) => c.name === command)?.args ?? [];
}
