// The typed options of each /mail subcommand. Every value is a string; the engine's own
// grammar stays the single place where a command's words are interpreted.
export type OptionKind = "hosting" | "hostingOrAll" | "reason" | "email" | "duration";

export interface OptionSpec {
  kind: OptionKind;
  required: boolean;
}

/** The option's name in interactions (the English, canonical one). */
export const OPTION_NAME: Record<OptionKind, string> = {
  hosting: "hosting",
  hostingOrAll: "hosting",
  reason: "reason",
  email: "email",
  duration: "duration",
};

export const MAX_LENGTH: Record<OptionKind, number> = {
  hosting: 253,
  hostingOrAll: 253,
  reason: 300,
  email: 254,
  duration: 20,
};

export const AUTOCOMPLETED: ReadonlySet<OptionKind> = new Set(["hosting", "hostingOrAll"]);

/** Options per engine command, in the order the engine reads its words. */
const SPECS: Record<string, OptionSpec[]> = {
  status: [{ kind: "hostingOrAll", required: false }],
  block: [
    { kind: "hosting", required: true },
    { kind: "reason", required: false },
  ],
  unblock: [{ kind: "hosting", required: true }],
  purge: [{ kind: "hosting", required: true }],
  recipient: [
    { kind: "hosting", required: true },
    { kind: "email", required: true },
  ],
  report: [{ kind: "hostingOrAll", required: false }],
  history: [{ kind: "hosting", required: false }],
  drill: [{ kind: "hosting", required: true }],
  advance: [{ kind: "duration", required: true }],
};

/** A command without an entry (help, or one added later) takes no option. */
export const optionsOf = (command: string): OptionSpec[] => SPECS[command] ?? [];
