import { stoppedByProvider } from "../mutations/spec.ts";
import type { MutatingCommand } from "./command.ts";

/** `block <hosting> [reason…]`: stop the sending; new mail is held for at most 72 hours. */
export const block: MutatingCommand = {
  name: "block",
  minRole: "operator",
  args: [
    { kind: "hosting", required: true },
    { kind: "reason", required: false },
  ],
  mutation: {
    look: { button: "primary", offer: "danger", asking: "warning", done: "warning" },
    secondGate: false,
    follow: false,
    refusal: ({ state }) => (state === "purging" ? "purging" : stoppedByProvider(state) ? "alreadyStopped" : null),
    run: (provider, hosting) => provider.requestAction(hosting, "BLOCK"),
  },
};
