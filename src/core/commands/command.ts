// One chat command: `{ name, minRole, run }`. Usage and description come from the catalog
// (`help.usage.<name>`, `help.describe.<name>`).
import type { Role } from "../actor.ts";
import type { Context } from "../context.ts";
import type { Reply } from "../reply.ts";

export interface Command {
  name: string;
  minRole: Role;
  /** Changes something: refused outside a team space, audited by the mutation flow. */
  mutating: boolean;
  /** Only offered when the embedded sandbox is the provider. */
  sandboxOnly?: boolean;
  run(ctx: Context, args: string[]): Promise<Reply>;
}

/** A reply with no card, for the asker only. */
export const textReply = (text: string): Reply => ({ text, visibility: "requester" });
