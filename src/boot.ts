// The one start-up path of every command: the bot, a one-shot command and `doctor` all read
// the environment (`.env` first), make the logger with every secret scrubbed, and speak the
// terminal's language. The bot and one-shot commands then build the app on top.
import type { Logger } from "pino";
import { type App, createApp, type ProviderHandle, type RunningAdapter } from "./app.ts";
import { type Env, loadEnv, usesDiscord, usesSlack } from "./config.ts";
import { terminalLanguage } from "../adapters/console/actor.ts";
import type { Language } from "./i18n/index.ts";
import { createLogger, secretsOf } from "./logger.ts";

export interface BootOptions {
  /** The process's environment unless a test gives another. */
  env?: NodeJS.ProcessEnv;
  /** The log level when LOG_LEVEL is not set (a chat in the terminal keeps its logs quiet). */
  quietLevel?: string;
  /** Where logs go (standard error by default). */
  destination?: { write(line: string): unknown };
}

export interface Booted {
  env: Env;
  logger: Logger;
  /** The terminal's language: LC_ALL, LC_MESSAGES, LANG (a C locale falls through), else MAILBRAKE_LOCALE. */
  language: Language;
}

export function boot(options: BootOptions = {}): Booted {
  const vars = options.env ?? process.env;
  const env = loadEnv(vars);
  const level = options.quietLevel !== undefined && !vars.LOG_LEVEL ? options.quietLevel : env.LOG_LEVEL;
  const logger = createLogger({ level, secrets: secretsOf(vars), destination: options.destination });
  return { env, logger, language: terminalLanguage(vars, env.MAILBRAKE_LOCALE) };
}

/** Boots and builds the product (store, provider, engine): the bot and one-shot commands. */
export async function bootApp(options: BootOptions & { provider?: (logger: Logger) => ProviderHandle } = {}): Promise<Booted & { app: App }> {
  const booted = boot(options);
  const app = await createApp(booted.env, { logger: booted.logger, provider: options.provider?.(booted.logger) });
  return { ...booted, app };
}

/**
 * Channel posts alone (no receiver, no gateway) on every chat platform configured: an action
 * taken by a one-shot command is announced in the team's channels, as a click there would be.
 */
export async function startPosters(app: App): Promise<RunningAdapter[]> {
  const posters: RunningAdapter[] = [];
  if (usesSlack(app.env)) posters.push((await import("../adapters/slack/poster.ts")).startPoster(app));
  if (usesDiscord(app.env)) posters.push((await import("../adapters/discord/poster.ts")).startPoster(app));
  return posters;
}
