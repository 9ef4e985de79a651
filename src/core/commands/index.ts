// Every command the engine knows, in the order help lists them.
import { advance } from "./advance.ts";
import { block } from "./block.ts";
import type { Command } from "./command.ts";
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
