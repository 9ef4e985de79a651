// The four mutating commands of the control panel's "Email scripts" page.
import type { MutationName } from "../../store/schema.ts";
import type { MutationSpec } from "./spec.ts";

// A state the provider's model does not list counts as stopped (never blocked blindly again).
const stoppedByProvider = (state: string) =>
  state === "ko" || state === "bounce" || state === "spam" || state === "unknown";

export const MUTATIONS: Record<MutationName, MutationSpec> = {
  block: {
    name: "block",
    minRole: "operator",
    style: "primary",
    secondGate: false,
    follow: false,
    refusal: ({ state }) =>
      state === "purging" ? "purging" : stoppedByProvider(state) ? "alreadyStopped" : null,
    run: (provider, hosting) => provider.requestAction(hosting, "BLOCK"),
  },
  unblock: {
    name: "unblock",
    minRole: "operator",
    style: "primary",
    secondGate: false,
    follow: true,
    refusal: ({ state }) =>
      state === "purging"
        ? "purging"
        : state === "spam"
          ? "spam"
          : state === "ok" || state === "force"
            ? "alreadyEnabled"
            : null,
    run: (provider, hosting) => provider.requestAction(hosting, "UNBLOCK"),
  },
  purge: {
    name: "purge",
    minRole: "admin",
    style: "danger",
    secondGate: true,
    follow: true,
    refusal: ({ state }) =>
      state === "purging" ? "purging" : stoppedByProvider(state) ? null : "blockFirst",
    run: (provider, hosting) => provider.requestAction(hosting, "PURGE"),
  },
  recipient: {
    name: "recipient",
    minRole: "operator",
    style: "primary",
    secondGate: false,
    follow: false,
    refusal: () => null,
    run: async (provider, hosting, args) => {
      await provider.setReportRecipient(hosting, args.email ?? "");
      return "";
    },
  },
};
