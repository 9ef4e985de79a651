// What a mutating command does, and when the state allows it. Declared in the command's own
// file; the role is the command's.
import type { HostingMail, HostingProvider } from "../../hosting/port.ts";
import type { Confirmation, MutationName } from "../../store/schema.ts";
import type { Role } from "../actor.ts";
import type { ButtonStyle, Tone } from "../reply.ts";

export type MutationArgs = Confirmation["args"];

/** Why the state does not allow the mutation: a catalog key under `refused.`. */
export type Refusal = "alreadyStopped" | "alreadyEnabled" | "spam" | "purging" | "blockFirst";

/** How a mutation looks wherever it is shown: one table, in the command's declaration. */
export interface MutationLook {
  /** The confirmation's confirm button. */
  button: ButtonStyle;
  /** An alert's or warning's button offering it. */
  offer: ButtonStyle;
  /** The confirmation card. */
  asking: Tone;
  /** The channel's announcement once done. */
  done: Tone;
}

export interface MutationDeclaration {
  look: MutationLook;
  /** Ask the platform for a second confirmation before the click is sent (purge). */
  secondGate: boolean;
  /** Watch the hosting until the state settles, updating the channel message. */
  follow: boolean;
  refusal(mail: HostingMail): Refusal | null;
  /** The provider action; answers the provider's reference, if any. */
  run(provider: HostingProvider, hosting: string, args: MutationArgs): Promise<string>;
}

/** A mutation with its command's name and role. */
export interface MutationSpec extends MutationDeclaration {
  name: MutationName;
  minRole: Role;
}

// A state the provider's model does not list counts as stopped (never blocked blindly again).
export const stoppedByProvider = (state: string) =>
  state === "ko" || state === "bounce" || state === "spam" || state === "unknown";
