// The commands as data for scripts (`mailbrake --help --json`): each command's name, role,
// whether it changes something, and its arguments as a JSON schema, from the declarations.
import { KINDS } from "../args/kinds.ts";
import { type Command, isMutating } from "./command.ts";

export interface CommandSchema {
  name: string;
  minRole: string;
  changes: boolean;
  sandboxOnly: boolean;
  /** The arguments a typed line gives by position, in order (options are given by name). */
  order: string[];
  arguments: {
    type: "object";
    properties: Record<string, { type: string; maxLength?: number; minimum?: number; maximum?: number; kind: string; option?: true }>;
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
    order: command.args.filter((a) => !KINDS[a.kind].option).map((a) => KINDS[a.kind].name),
    arguments: {
      type: "object",
      properties: Object.fromEntries(
        command.args.map((a) => {
          const rule = KINDS[a.kind];
          // An integer has its bounds; a string its longest length. An option is typed by name.
          const bounds = rule.schema.type === "integer" ? rule.schema : { ...rule.schema, maxLength: rule.maxLength };
          return [rule.name, { ...bounds, kind: a.kind, ...(rule.option ? { option: true as const } : {}) }];
        }),
      ),
      required: command.args.filter((a) => a.required).map((a) => KINDS[a.kind].name),
      additionalProperties: false,
    },
  }));
}
