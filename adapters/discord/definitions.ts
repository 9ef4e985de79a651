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
import { type ArgSpec, KINDS } from "../../src/core/args/kinds.ts";
import { type Declared, optionName } from "./options.ts";

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

function option(spec: ArgSpec): APIApplicationCommandBasicOption {
  const rule = KINDS[spec.kind];
  const name = localized(`discord:command.option.${spec.kind}.name`, 32);
  const description = localized(`discord:command.option.${spec.kind}.description`, 100);
  if (rule.schema.type === "integer") {
    return {
      type: ApplicationCommandOptionType.Integer,
      name: optionName(spec),
      name_localizations: name.map,
      description: description.text,
      description_localizations: description.map,
      required: spec.required,
      min_value: rule.schema.minimum,
      max_value: rule.schema.maximum,
    };
  }
  return {
    type: ApplicationCommandOptionType.String,
    name: optionName(spec),
    name_localizations: name.map,
    description: description.text,
    description_localizations: description.map,
    required: spec.required,
    max_length: rule.maxLength,
    ...(rule.autocomplete ? { autocomplete: true } : {}),
  } as APIApplicationCommandBasicOption;
}

function subcommand(command: Declared): APIApplicationCommandSubcommandOption {
  const name = localized(`discord:command.sub.${command.name}.name`, 32);
  const description = localized(`discord:command.sub.${command.name}.description`, 100);
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: command.name,
    name_localizations: name.map,
    description: description.text,
    description_localizations: description.map,
    options: command.args.map(option),
  };
}

/**
 * The definitions for these engine commands (the sandbox-only ones only with the sandbox),
 * generated from their declarations.
 */
export function commandDefinitions(commands: readonly Declared[]): CommandDefinition[] {
  const description = localized("discord:command.description", 100);
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: COMMAND_NAME,
      description: description.text,
      description_localizations: description.map,
      options: commands.map(subcommand),
    },
  ];
}
