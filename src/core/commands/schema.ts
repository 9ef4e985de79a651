// The commands as data for scripts (`mailbrake --help --json`): each command's name, role,
// whether it changes something, and its arguments as a JSON schema, from the declarations.
import { KINDS } from "../args/kinds.ts";
import { type Command, isMutating } from "./command.ts";

export interface CommandSchema {
  name: string;
  minRole: string;
  changes: boolean;
  sandboxOnly: boolean;
  /** The arguments, in the order a typed line gives them. */
  order: string[];
  arguments: {
    type: "object";
    properties: Record<string, { type: string; maxLength: number; kind: string }>;
    required: string[];
    additionalProperties: false;
  };
}

export function commandSchema(commands: readonly Command[]): CommandSchema[] {
  return commands.map((command) => ({
    name: command.name,
    minRole: command.minRole,
    changes: isMutating(command),
    sandboxOnly: command.sandboxOnly === true,
    order: command.args.map((a) => KINDS[a.kind].name),
    arguments: {
      type: "object",
      properties: Object.fromEntries(
        command.args.map((a) => [KINDS[a.kind].name, { ...KINDS[a.kind].schema, maxLength: KINDS[a.kind].maxLength, kind: a.kind }]),
      ),
      required: command.args.filter((a) => a.required).map((a) => KINDS[a.kind].name),
      additionalProperties: false,
    },
  }));
}
