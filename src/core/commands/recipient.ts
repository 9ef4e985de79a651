import type { MutatingCommand } from "./command.ts";

/** `recipient <hosting> <email>`; with one hosting, `recipient <email>`. */
export const recipient: MutatingCommand = {
  name: "recipient",
  minRole: "operator",
  args: [
    { kind: "hosting", required: true },
    { kind: "email", required: true },
  ],
  mutation: {
    look: { button: "primary", offer: "primary", asking: "warning", done: "success" },
    secondGate: false,
    follow: false,
    refusal: () => null,
    run: async (provider, hosting, args) => {
      await provider.setReportRecipient(hosting, args.email ?? "");
      return "";
    },
  },
};
