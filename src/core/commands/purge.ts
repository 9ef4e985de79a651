import { stoppedByProvider } from "../mutations/spec.ts";
import type { MutatingCommand } from "./command.ts";

/** `purge <hosting>`: delete the held mail (5 to 10 minutes); only once sending is stopped. */
export const purge: MutatingCommand = {
  name: "purge",
  minRole: "admin",
  args: [{ kind: "hosting", required: true }],
  mutation: {
    look: { button: "danger", offer: "danger", asking: "danger", done: "danger" },
    secondGate: true,
    follow: true,
    refusal: ({ state }) => (state === "purging" ? "purging" : stoppedByProvider(state) ? null : "blockFirst"),
    run: (provider, hosting) => provider.requestAction(hosting, "PURGE"),
  },
};
