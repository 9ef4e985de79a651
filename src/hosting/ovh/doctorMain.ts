// `npx mailbrake doctor`: the checks on the terminal, in the terminal's language.
import { loadEnv } from "../../config.ts";
import { toLanguage, translator } from "../../i18n/index.ts";
import { createLogger, secretsOf } from "../../logger.ts";
import { runDoctor } from "./doctor.ts";

export async function doctorMain(): Promise<number> {
  const env = loadEnv();
  const logger = createLogger({ level: process.env.LOG_LEVEL ? env.LOG_LEVEL : "error", secrets: secretsOf(process.env) });
  const language =
    toLanguage(process.env.LC_ALL) ?? toLanguage(process.env.LC_MESSAGES) ?? toLanguage(process.env.LANG) ?? env.MAILBRAKE_LOCALE;
  return runDoctor({ env, t: translator(language), logger, write: (line) => process.stdout.write(`${line}\n`) });
}
