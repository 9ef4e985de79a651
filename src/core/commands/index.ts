// Every command the engine knows, in the order help lists them. Adding a command is one file
// here plus its catalog keys.
import type { MutationName } from "../../store/schema.ts";
import type { MutationSpec } from "../mutations/spec.ts";
import { advance } from "./advance.ts";
import { block } from "./block.ts";
import { type Command, isMutating, type MutatingCommand } from "./command.ts";
import { drill } from "./drill.ts";
import { makeHelp } from "./help.ts";
import { history } from "./history.ts";
import { purge } from "./purge.ts";
import { recipient } from "./recipient.ts";
import { report } from "./report.ts";
import { status } from "./status.ts";
import { unblock } from "./unblock.ts";

const withoutHelp: Command[] = [status, block, unblock, purge, recipient, report, history, drill, advance];

export const help = makeHelp(() => COMMANDS);

export const COMMANDS: readonly Command[] = [help, ...withoutHelp];

const MUTATING: Record<MutationName, MutatingCommand> = { block, unblock, purge, recipient };

/** The names of the commands that change something (the store keeps them in confirmations). */
export const MUTATING_COMMANDS = COMMANDS.filter(isMutating).map((c) => c.name);

/** A confirmation's mutation, with the role its command declares. */
export function mutationOf(name: MutationName): MutationSpec {
  const command = MUTATING[name];
  return { ...command.mutation, name, minRole: command.minRole };
}
