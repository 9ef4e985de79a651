// Hosting option autocomplete: names and aliases (and "all" where it means every hosting),
// filtered by what was typed, within Discord's 25 choices of 100 characters.
import type { AutocompleteInteraction } from "discord.js";
import type { App } from "../../src/app.ts";
import { translate } from "../../src/i18n/index.ts";
import { askerOf } from "./actor.ts";
import type { Timing } from "./timing.ts";
import { within } from "./inTime.ts";
import { KINDS } from "../../src/core/args/kinds.ts";
import { optionName, optionsOf } from "./options.ts";

export const MAX_CHOICES = 25;

export interface Choice {
  name: string;
  value: string;
}

export async function handleAutocomplete(
  app: App,
  timing: Timing,
  interaction: AutocompleteInteraction,
): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const command = interaction.options.getSubcommand(false) ?? "";
  const spec = optionsOf(app.engine.commands, command).find((s) => optionName(s) === focused.name);
  if (!spec || !KINDS[spec.kind].autocomplete) {
    await interaction.respond([]);
    return;
  }
  const { language } = askerOf(interaction, app.env.MAILBRAKE_LOCALE);
  const hostings = await within(app.engine.hostings.choices(), timing.autocompleteBudgetMs, []);
  const all =
    spec.kind === "hostingOrAll"
      ? [{ name: translate(language, "discord:command.all"), value: "all" }]
      : [];
  await interaction.respond(filterChoices([...all, ...hostings], String(focused.value)));
}

/** Choices whose name or value contains the typed text (case-insensitive), starts first. */
export function filterChoices(choices: readonly Choice[], typed: string): Choice[] {
  const query = typed.trim().toLowerCase();
  const matching = choices.filter(
    (c) => c.name.toLowerCase().includes(query) || c.value.toLowerCase().includes(query),
  );
  const starts = (c: Choice) =>
    c.name.toLowerCase().startsWith(query) || c.value.toLowerCase().startsWith(query);
  return [...matching.filter(starts), ...matching.filter((c) => !starts(c))]
    .filter((c) => c.value.length <= 100)
    .slice(0, MAX_CHOICES)
    .map((c) => ({ name: c.name.slice(0, 100), value: c.value }));
}
