// The domain's words for a state, and the card tone that goes with it.
import type { MailState } from "../../hosting/port.ts";
import type { Translate } from "../../i18n/index.ts";
import type { Tone } from "../reply.ts";

export const stateLabel = (t: Translate, state: MailState): string => t(`state.${state}`);

export const stateTone = (state: MailState): Tone =>
  state === "ok" || state === "force" ? "success" : state === "ko" ? "warning" : "danger";
