import { isSending } from "../../hosting/port.ts";
import type { MutatingCommand } from "./command.ts";

/** `unblock <hosting>`: sending back on; held mail is delivered. */
export const unblock: MutatingCommand = {
  name: "unblock",
  minRole: "operator",
  args: [{ kind: "hosting", required: true }],
  mutation: {
    look: { button: "primary", offer: "primary", asking: "warning", done: "success" },
    secondGate: false,
    follow: true,
    refusal: ({ state }) =>
      state === "purging"
        ? "purging"
        : state === "spam"
          ? "spam"
          : isSending(state)
            ? "alreadyEnabled"
            : null,
    run: (provider, hosting) => provider.requestAction(hosting, "UNBLOCK"),
  },
};
