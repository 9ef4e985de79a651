// `mailbrake`: with no command it runs the bot; with one it runs it once and exits
// (0 on success, non-zero with a one-line reason), for scripts. Everything past the
// arguments is imported when the command needs it: `--version` loads no library, `--help`
// only the catalogs, and the bot or a one-shot command what they use.
import { existsSync, readFileSync } from "node:fs";
import { ConfigError, StoreError } from "./errors.ts";
import type { OneShotFlags } from "../adapters/console/oneShot.ts";

export interface CliFlags extends OneShotFlags {
  help: boolean;
  version: boolean;
}

/** The options, as `--help` lists them. */
export const OPTIONS = ["--yes", "-y", "--json", "--help", "-h", "--version", "-V", "--limit"] as const;

/** A command's own options (declared with the command, e.g. `history --limit 50`): they and
 * their value are passed on to the command as words, which checks the value. */
const COMMAND_OPTIONS = ["--limit"];

/**
 * Splits options from words. Anything else that starts with `-` is an unknown option (a typo
 * such as `--jsn` must not be ignored); after `--` every argument is a word.
 */
export function parseArgs(argv: string[]): { flags: CliFlags; words: string[]; unknown: string[] } {
  const flags: CliFlags = { help: false, version: false, yes: false, json: false };
  const words: string[] = [];
  const unknown: string[] = [];
  let onlyWords = false;
  let optionValue = false;
  for (const arg of argv) {
    if (onlyWords || optionValue) {
      words.push(arg);
      optionValue = false;
    } else if (arg === "--") onlyWords = true;
    else if (COMMAND_OPTIONS.includes(arg)) {
      words.push(arg);
      optionValue = true;
    } else if (COMMAND_OPTIONS.some((o) => arg.startsWith(`${o}=`))) words.push(arg);
    else if (arg === "--help" || arg === "-h") flags.help = true;
    else if (arg === "--version" || arg === "-V") flags.version = true;
    else if (arg === "--yes" || arg === "-y") flags.yes = true;
    else if (arg === "--json") flags.json = true;
    else if (/^-./.test(arg)) unknown.push(arg);
    else words.push(arg);
  }
  return { flags, words, unknown };
}

/**
 * `mailbrake doctor | head -2`: the reader went away. The output is not needed any more, so
 * the process ends quietly (as `cat` does) instead of dying with an EPIPE stack trace.
 */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return String(pkg.version);
}

/** The help in the terminal's language; read before the configuration is validated. */
async function usage(): Promise<string> {
  const { toLanguage, translator } = await import("./i18n/index.ts");
  const { terminalLanguage } = await import("../adapters/console/actor.ts");
  const fallback = toLanguage(process.env.MAILBRAKE_LOCALE) ?? "en";
  return translator(terminalLanguage(process.env, fallback))("console:usage");
}

export async function main(argv: string[]): Promise<number> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  quietOnClosedPipe();
  const { flags, words, unknown } = parseArgs(argv);
  if (unknown.length > 0) {
    const { toLanguage, translator } = await import("./i18n/index.ts");
    const { terminalLanguage } = await import("../adapters/console/actor.ts");
    const t = translator(terminalLanguage(process.env, toLanguage(process.env.MAILBRAKE_LOCALE) ?? "en"));
    const text = t("console:unknownOption", { options: unknown.join(" "), valid: OPTIONS.join(" ") });
    process.stderr.write(`mailbrake: ${text}\n`);
    return 4;
  }
  if (flags.version) {
    process.stdout.write(`mailbrake ${version()}\n`);
    return 0;
  }
  if (flags.help && flags.json) {
    const { COMMANDS } = await import("./core/commands/index.ts");
    const { commandSchema } = await import("./core/commands/schema.ts");
    process.stdout.write(`${JSON.stringify({ commands: commandSchema(COMMANDS) }, null, 2)}\n`);
    return 0;
  }
  if (flags.help) {
    process.stdout.write(`${await usage()}\n`);
    return 0;
  }
  try {
    if (words.length === 0) return await (await import("./bot.ts")).runBot({ forceTerminal: false });
    if (words[0] === "chat" && words.length === 1) {
      return await (await import("./bot.ts")).runBot({ forceTerminal: true });
    }
    if (words[0] === "doctor" && words.length === 1) {
      const code = await doctor();
      if (!process.env.DATABASE_URL) return code;
      const { databaseDoctorMain } = await import("./store/pg/doctor.ts");
      // A failed database check says so (1); else the provider's verdict (2 without credentials).
      const database = await databaseDoctorMain();
      return database !== 0 ? database : code;
    }
    if (words[0] === "store" && words[1] === "import" && words.length === 2) {
      return await (await import("./store/pg/importMain.ts")).storeImportMain();
    }
    return await (await import("../adapters/console/oneShot.ts")).runOnce(words, flags);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StoreError) {
      process.stderr.write(`mailbrake: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** `mailbrake doctor`: the provider's checks, on the one start-up path, in the terminal's language. */
async function doctor(): Promise<number> {
  const { boot } = await import("./boot.ts");
  const { translator } = await import("./i18n/index.ts");
  const { runDoctor } = await import("./hosting/ovh/doctor.ts");
  const { env, logger, language } = boot({ quietLevel: "error" });
  return runDoctor({ env, t: translator(language), logger, write: (line) => process.stdout.write(`${line}\n`) });
}
