// Command registration, only when the definitions differ from what Discord already has
// (GET with localizations, compared field by field): a restart does not re-register.
import { type REST, Routes } from "discord.js";
import type { CommandDefinition } from "./definitions.ts";

export type Registration = "unchanged" | "registered";

export function commandsRoute(applicationId: string, guildId: string | undefined): `/${string}` {
  return guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
}

export async function registerCommands(
  rest: REST,
  applicationId: string,
  guildId: string | undefined,
  definitions: CommandDefinition[],
): Promise<Registration> {
  const route = commandsRoute(applicationId, guildId);
  const existing = await rest.get(route, {
    query: new URLSearchParams({ with_localizations: "true" }),
  });
  if (sameCommands(existing, definitions)) return "unchanged";
  await rest.put(route, { body: definitions });
  return "registered";
}

/** True when Discord has exactly these commands (extra fields Discord adds are ignored). */
export function sameCommands(existing: unknown, wanted: readonly CommandDefinition[]): boolean {
  if (!Array.isArray(existing) || existing.length !== wanted.length) return false;
  return wanted.every((command) =>
    existing.some((have) => isRecord(have) && have.name === command.name && covers(have, command)),
  );
}

/**
 * Whether `have` holds every value of `want`; a false, empty or absent value counts as unset.
 * Localization maps must match exactly (a language Discord has and we dropped is a change).
 */
function covers(have: unknown, want: unknown, exact = false): boolean {
  if (isUnset(want)) return isUnset(have);
  if (Array.isArray(want)) {
    return (
      Array.isArray(have) && have.length === want.length && want.every((w, i) => covers(have[i], w))
    );
  }
  if (isRecord(want)) {
    if (!isRecord(have)) return false;
    const keys = new Set([...Object.keys(want), ...(exact ? Object.keys(have) : [])]);
    for (const key of Object.keys(have)) if (key.endsWith("_localizations")) keys.add(key);
    return [...keys].every((key) => covers(have[key], want[key], key.endsWith("_localizations")));
  }
  return have === want;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isUnset = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === false ||
  (Array.isArray(value) && value.length === 0) ||
  (isRecord(value) && Object.keys(value).length === 0);
