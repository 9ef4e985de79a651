// The /mail command as registered with Discord: one subcommand per engine command, names and
// descriptions localized from the `discord` catalog (fi, pl, fr, nl and pt-BR from pt).
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type LocalizationMap,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { type Language, translate } from "../../src/i18n/index.ts";
import { AUTOCOMPLETED, MAX_LENGTH, OPTION_NAME, type OptionSpec, optionsOf } from "./options.ts";

export const COMMAND_NAME = "mail";

/** Discord locale → catalog language. English is the default text, not a localization. */
export const DISCORD_LOCALES: Record<string, Language> = {
  fi: "fi",
  pl: "pl",
  fr: "fr",
  nl: "nl",
  "pt-BR": "pt",
};

export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;

function localized(key: string, limit: number): { text: string; map: LocalizationMap } {
  const map: LocalizationMap = {};
  for (const [locale, language] of Object.entries(DISCORD_LOCALES)) {
    map[locale as keyof LocalizationMap] = translate(language, key).slice(0, limit);
  }
  return { text: translate("en", key).slice(0, limit), map };
}

function option(spec: OptionSpec): APIApplicationCommandBasicOption {
  const name = localized(`discord:command.option.${spec.kind}.name`, 32);
  const description = localized(`discord:command.option.${spec.kind}.description`, 100);
  return {
    type: ApplicationCommandOptionType.String,
    name: OPTION_NAME[spec.kind],
    name_localizations: name.map,
    description: description.text,
    description_localizations: description.map,
    required: spec.required,
    max_length: MAX_LENGTH[spec.kind],
    ...(AUTOCOMPLETED.has(spec.kind) ? { autocomplete: true } : {}),
  } as APIApplicationCommandBasicOption;
}

function subcommand(command: string): APIApplicationCommandSubcommandOption {
  const name = localized(`discord:command.sub.${command}.name`, 32);
  const description = localized(`discord:command.sub.${command}.description`, 100);
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: command,
    name_localizations: name.map,
    description: description.text,
    description_localizations: description.map,
    options: optionsOf(command).map(option),
  };
}

/** The definitions for these engine commands (the sandbox-only ones only with the sandbox). */
export function commandDefinitions(commands: readonly { name: string }[]): CommandDefinition[] {
  const description = localized("discord:command.description", 100);
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: COMMAND_NAME,
      description: description.text,
      description_localizations: description.map,
      options: commands.map((c) => subcommand(c.name)),
    },
  ];
}
