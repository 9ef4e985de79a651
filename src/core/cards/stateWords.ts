// The domain's words for a state, and the card tone that goes with it.
import { isStopped, type MailState } from "../../hosting/port.ts";
import type { Translate } from "../../i18n/index.ts";
import type { Tone } from "../reply.ts";

/** `name` is the provider's own word, shown when the state is one the model does not list. */
export const stateLabel = (t: Translate, state: MailState, name?: string): string =>
  t(`state.${state}`, { name: name ?? state });

/** Every stopped state is red, as in the control panel. */
export const stateTone = (state: MailState): Tone => (isStopped(state) ? "danger" : "success");
