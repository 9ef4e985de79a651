// The registered /mail definition: one subcommand per engine command, valid Discord names,
// localized names and descriptions; registration only when Discord's copy differs.
import { describe, expect, it } from "vitest";
import { commandDefinitions, DISCORD_LOCALES } from "../../../adapters/discord/definitions.ts";
import { sameCommands } from "../../../adapters/discord/register.ts";
import { COMMANDS } from "../../../src/core/commands/index.ts";

// Discord's rule for command and option names (lowercase where the script has case).
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

type Named = {
  name: string;
  description: string;
  name_localizations?: Record<string, string>;
  description_localizations?: Record<string, string>;
  options?: Named[];
};

function everyEntry(definition: Named): Named[] {
  return [definition, ...(definition.options ?? []).flatMap(everyEntry)];
}

describe("command definitions", () => {
  const [mail] = commandDefinitions(COMMANDS) as Named[];

  it("has one subcommand per engine command, named as the engine names it", () => {
    expect(mail!.name).toBe("mail");
    expect(mail!.options!.map((o) => o.name)).toEqual(COMMANDS.map((c) => c.name));
  });

  it("localizes names and descriptions for fi, pl, fr, nl and pt-BR within Discord's rules", () => {
    for (const entry of everyEntry(mail!).slice(1)) {
      expect(Object.keys(entry.name_localizations ?? {}).sort()).toEqual(
        Object.keys(DISCORD_LOCALES).sort(),
      );
      for (const name of [entry.name, ...Object.values(entry.name_localizations ?? {})]) {
        expect(name).toMatch(NAME);
        expect(name).toBe(name.toLowerCase());
      }
    }
    for (const entry of everyEntry(mail!)) {
      for (const text of [
        entry.description,
        ...Object.values(entry.description_localizations ?? {}),
      ]) {
        expect(text.length).toBeGreaterThan(0);
        expect(text.length).toBeLessThanOrEqual(100);
      }
    }
    const block = mail!.options!.find((o) => o.name === "block")!;
    expect(block.name_localizations).toEqual({
      fi: "estä",
      pl: "blokuj",
      fr: "bloquer",
      nl: "blokkeren",
      "pt-BR": "bloquear",
    });
    expect(block.description_localizations!.fr).toContain("Bloquer l'envoi");
  });

  it("types the options: hosting autocompleted and required for changes, reason optional", () => {
    const block = mail!.options!.find((o) => o.name === "block") as unknown as {
      options: Record<string, unknown>[];
    };
    expect(block.options.map((o) => [o.name, o.type, o.required, o.autocomplete ?? false])).toEqual(
      [
        ["hosting", 3, true, true],
        ["reason", 3, false, false],
      ],
    );
    const recipient = mail!.options!.find((o) => o.name === "recipient") as unknown as {
      options: Record<string, unknown>[];
    };
    expect(recipient.options.map((o) => [o.name, o.required, o.max_length])).toEqual([
      ["hosting", true, 253],
      ["email", true, 254],
    ]);
  });
});

describe("sameCommands", () => {
  const wanted = commandDefinitions(COMMANDS);
  /** What Discord answers: our fields plus its own, `required: false` left out. */
  const asDiscordReturnsIt = (definitions: unknown) =>
    JSON.parse(
      JSON.stringify(definitions, (key, value) =>
        key === "required" && value === false ? undefined : value,
      ),
    ).map((c: object) => ({
      ...c,
      id: "1",
      application_id: "2",
      version: "3",
      default_member_permissions: null,
      nsfw: false,
      contexts: null,
    }));

  it("sees no change when Discord has the same definition with its own extra fields", () => {
    expect(sameCommands(asDiscordReturnsIt(wanted), wanted)).toBe(true);
  });

  it("sees a change in a description, a localization, an option or an extra command", () => {
    const changed = asDiscordReturnsIt(wanted);
    changed[0].options[1].description = "old text";
    expect(sameCommands(changed, wanted)).toBe(false);
    const localized = asDiscordReturnsIt(wanted);
    localized[0].options[1].name_localizations.de = "status";
    expect(sameCommands(localized, wanted)).toBe(false);
    const fewer = asDiscordReturnsIt(
      commandDefinitions(COMMANDS.filter((c) => c.name !== "drill")),
    );
    expect(sameCommands(fewer, wanted)).toBe(false);
    expect(sameCommands([...asDiscordReturnsIt(wanted), { name: "old", type: 1 }], wanted)).toBe(
      false,
    );
    expect(sameCommands([], wanted)).toBe(false);
  });
});
