// What each mutating command does, and when the state allows it.
import type { HostingMail, HostingProvider } from "../../hosting/port.ts";
import type { Confirmation, MutationName } from "../../store/schema.ts";
import type { Role } from "../actor.ts";
import type { ButtonStyle } from "../reply.ts";

export type MutationArgs = Confirmation["args"];

/** Why the state does not allow the mutation: a catalog key under `refused.`. */
export type Refusal = "alreadyStopped" | "alreadyEnabled" | "spam" | "purging" | "blockFirst";

export interface MutationSpec {
  name: MutationName;
  minRole: Role;
  style: ButtonStyle;
  /** Ask the platform for a second confirmation before the click is sent (purge). */
  secondGate: boolean;
  /** Watch the hosting until the state settles, updating the channel message. */
  follow: boolean;
  refusal(mail: HostingMail): Refusal | null;
  run(provider: HostingProvider, hosting: string, args: MutationArgs): Promise<string>;
}
