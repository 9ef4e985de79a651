// `mailbrake`: with no command it runs the bot; with one it runs it once and exits
// (0 on success, non-zero with a one-line reason), for scripts.
import { existsSync, readFileSync } from "node:fs";
import { COMMANDS } from "./core/commands/index.ts";
import { commandSchema } from "./core/commands/schema.ts";
import { ConfigError, StoreError } from "./errors.ts";
import { toLanguage, translator } from "./i18n/index.ts";
import { doctorMain } from "./hosting/ovh/doctorMain.ts";
import { runBot } from "./index.ts";
import { type OneShotFlags, runOnce } from "../adapters/console/oneShot.ts";
import { terminalLanguage } from "../adapters/console/actor.ts";

export interface CliFlags extends OneShotFlags {
  help: boolean;
  version: boolean;
}

export function parseArgs(argv: string[]): { flags: CliFlags; words: string[] } {
  const flags: CliFlags = { help: false, version: false, yes: false, json: false };
  const words: string[] = [];
  for (const arg of argv) {
    if (arg === "--help" || arg === "-h") flags.help = true;
    else if (arg === "--version" || arg === "-V") flags.version = true;
    else if (arg === "--yes" || arg === "-y") flags.yes = true;
    else if (arg === "--json") flags.json = true;
    else words.push(arg);
  }
  return { flags, words };
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return String(pkg.version);
}

export async function main(argv: string[]): Promise<number> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const { flags, words } = parseArgs(argv);
  // The help in the terminal's language; read before the configuration is validated.
  const t = translator(terminalLanguage(process.env, toLanguage(process.env.MAILBRAKE_LOCALE) ?? "en"));
  if (flags.version) {
    process.stdout.write(`mailbrake ${version()}\n`);
    return 0;
  }
  if (flags.help && flags.json) {
    process.stdout.write(`${JSON.stringify({ commands: commandSchema(COMMANDS) }, null, 2)}\n`);
    return 0;
  }
  if (flags.help) {
    process.stdout.write(`${t("console:usage")}\n`);
    return 0;
  }
  try {
    if (words.length === 0) return await runBot({ forceTerminal: false });
    if (words[0] === "chat" && words.length === 1) return await runBot({ forceTerminal: true });
    if (words[0] === "doctor" && words.length === 1) return await doctorMain();
    if (words[0] === "store" && words[1] === "import" && words.length === 2) {
      const { storeImportMain } = await import("./store/pg/importMain.ts");
      return await storeImportMain();
    }
    return await runOnce(words, flags);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StoreError) {
      process.stderr.write(`mailbrake: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
