// One chat command, declared once: its name, the role it needs, its typed arguments, and for
// a command that changes something, its mutation. Usage lines, Discord's options and the
// command schema are generated from the declaration; description and argument words come
// from the catalog (`help.describe.<name>`, `help.arg.<kind>`).
import type { Role } from "../actor.ts";
import type { Args } from "../args/bind.ts";
import type { ArgSpec } from "../args/kinds.ts";
import type { Context } from "../context.ts";
import type { MutationDeclaration } from "../mutations/spec.ts";
import type { Reply } from "../reply.ts";

interface Declared {
  name: string;
  minRole: Role;
  /** In the order a typed line gives them. */
  args: readonly ArgSpec[];
  /** Only offered when the embedded sandbox is the provider. */
  sandboxOnly?: boolean;
}

/** Answers from what it reads. */
export interface QueryCommand extends Declared {
  mutation?: undefined;
  /** It writes its own audit record (what it did), so the engine records no second one. */
  recordsItself?: boolean;
  run(ctx: Context, args: Args): Promise<Reply>;
}

/** Changes something: refused outside a team space, confirmed, audited by the mutation flow. */
export interface MutatingCommand extends Declared {
  mutation: MutationDeclaration;
  run?: undefined;
}

export type Command = QueryCommand | MutatingCommand;

export const isMutating = (command: Command): command is MutatingCommand => command.mutation !== undefined;
