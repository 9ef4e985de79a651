// The local terminal user: always an admin of their own terminal.
import { userInfo } from "node:os";
import type { Actor, Place } from "../../src/core/actor.ts";
import { type Language, toLanguage } from "../../src/i18n/index.ts";

export function consoleActor(): Actor {
  let name = "local";
  try {
    name = userInfo().username || name;
  } catch {
    // No passwd entry (some containers): keep "local".
  }
  return { platform: "console", id: name, name, groups: [] };
}

export const terminalPlace: Place = { channel: "terminal", inTeamSpace: true };

/**
 * A one-shot command's place: a terminal of its own, so that scripts running at once (each
 * with `--yes`) never replace one another's pending confirmation.
 */
export const oneShotPlace: Place = { channel: `terminal:${process.pid}`, inTeamSpace: true };

/** LANG / LC_ALL in the terminal, else the configured fallback. */
export function terminalLanguage(env: NodeJS.ProcessEnv, fallback: Language): Language {
  return toLanguage(env.LC_ALL) ?? toLanguage(env.LC_MESSAGES) ?? toLanguage(env.LANG) ?? fallback;
}
