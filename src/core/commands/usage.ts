// A command's usage line, from its declaration: `block <hosting> [reason]`, in the reader's
// words for the arguments (command words stay English in every language).
import type { Translate } from "../../i18n/index.ts";
import { KINDS } from "../args/kinds.ts";
import type { Command } from "./command.ts";

export function usageLine(t: Translate, command: Pick<Command, "name" | "args">): string {
  const args = command.args.map((arg) => {
    const rule = KINDS[arg.kind];
    const word = rule.option ? `--${rule.name} ${t(`help.arg.${arg.kind}`)}` : t(`help.arg.${arg.kind}`);
    return arg.required ? `<${word}>` : `[${word}]`;
  });
  return [command.name, ...args].join(" ");
}
