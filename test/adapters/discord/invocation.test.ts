// Subcommand and options → the engine's named values; every bad input is refused with a key.
import { describe, expect, it } from "vitest";
import { parseInvocation, type RawOption } from "../../../adapters/discord/invocation.ts";
import { COMMANDS as DECLARED } from "../../../src/core/commands/index.ts";

// Every command but drill, to see a command that is not offered refused.
const COMMANDS = DECLARED.filter((c) => c.name !== "drill");
const sub = (name: string, options: Record<string, unknown> = {}): RawOption[] => [
  {
    type: 1,
    name,
    options: Object.entries(options).map(([n, value]) => ({
      type: 3,
      name: n,
      value: value as string,
    })),
  },
];

describe("parseInvocation", () => {
  it("names each value as given, spaces and all", () => {
    const parsed = parseInvocation(
      sub("block", { hosting: "shop.fr", reason: "contact form  hacked" }),
      COMMANDS,
    );
    expect(parsed).toEqual({
      ok: true,
      invocation: {
        command: "block",
        values: { hosting: "shop.fr", reason: "contact form  hacked" },
      },
    });
  });

  it("names the values whatever order Discord sends them in", () => {
    const options: RawOption[] = [
      {
        type: 1,
        name: "recipient",
        options: [
          { type: 3, name: "email", value: "ops@shop.fr" },
          { type: 3, name: "hosting", value: "shop.fr" },
        ],
      },
    ];
    const parsed = parseInvocation(options, COMMANDS);
    expect(parsed.ok && parsed.invocation.values).toEqual({ hosting: "shop.fr", email: "ops@shop.fr" });
  });

  it("takes a command without options", () => {
    const parsed = parseInvocation(sub("status"), COMMANDS);
    expect(parsed.ok && parsed.invocation).toEqual({ command: "status", values: {} });
  });

  it.each([
    [
      "an unknown subcommand",
      sub("format"),
      "discord:errors.unknownSubcommand",
      { name: "format" },
    ],
    [
      "a sandbox command when it is not offered",
      sub("drill", { hosting: "a.fr" }),
      "discord:errors.unknownSubcommand",
      { name: "drill" },
    ],
    ["no subcommand at all", [], "discord:errors.unknownSubcommand", { name: "" }],
    [
      "an option the subcommand lacks",
      sub("unblock", { hosting: "a.fr", force: "yes" }),
      "discord:errors.unknownOption",
      { name: "force", command: "unblock" },
    ],
    [
      "a missing required option",
      sub("block", {}),
      "discord:errors.missingOption",
      { name: "hosting", command: "block" },
    ],
    [
      "an empty required option",
      sub("purge", { hosting: "   " }),
      "discord:errors.missingOption",
      { name: "hosting", command: "purge" },
    ],
    [
      "a value that is not a string",
      [{ type: 1, name: "purge", options: [{ type: 4, name: "hosting", value: 3 }] }],
      "discord:errors.badOption",
      { name: "hosting" },
    ],
    [
      "a value longer than allowed",
      sub("block", { hosting: "a.fr", reason: "r".repeat(301) }),
      "discord:errors.badOption",
      { name: "reason" },
    ],
    [
      "a malformed address",
      sub("recipient", { hosting: "a.fr", email: "not-an-address" }),
      "errors.badEmail",
      { email: "not-an-address" },
    ],
  ])("refuses %s", (_what, options, key, vars) => {
    expect(parseInvocation(options as RawOption[], COMMANDS)).toEqual({ ok: false, key, vars });
  });
});
