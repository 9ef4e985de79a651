// `mailbrake doctor` with DATABASE_URL: the database reachable with its credentials, its
// schema against this code, and which replica leads the scheduled work. Changes nothing.
import { loadEnv } from "../../config.ts";
import { type Translate, toLanguage, translator } from "../../i18n/index.ts";
import { checkReachable, openPool } from "./connection.ts";
import { PgLease } from "./lease.ts";
import { schemaStatus } from "./migrate.ts";
import { CODE_VERSION } from "./migrations.ts";
import { describeUrl } from "./url.ts";

export async function checkDatabase(url: string, t: Translate, write: (line: string) => void): Promise<number> {
  write(t("console:dbDoctor.title", { where: describeUrl(url) }));
  const pool = openPool(url, { max: 1 });
  try {
    try {
      await checkReachable(pool, url, { attempts: 1, baseMs: 0, sleep: async () => undefined });
    } catch (error) {
      write(`✘ ${(error as Error).message}`);
      return 1;
    }
    write(`✔ ${t("console:dbDoctor.reachable")}`);
    const schema = await schemaStatus(pool);
    if (!schema) {
      write(`– ${t("console:dbDoctor.empty")}`);
      return 0;
    }
    if (schema.minCode > CODE_VERSION) {
      write(`✘ ${t("console:dbDoctor.ahead", { version: schema.version, minCode: schema.minCode, code: CODE_VERSION })}`);
      return 1;
    }
    write(`✔ ${t("console:dbDoctor.schema", { version: schema.version, code: CODE_VERSION })}`);
    const leader = await new PgLease(pool).current();
    if (leader) {
      write(`✔ ${t("console:dbDoctor.leader", { holder: leader.holder, term: leader.term, seconds: Math.ceil(leader.remainingMs / 1000) })}`);
    } else {
      write(`– ${t("console:dbDoctor.noLeader")}`);
    }
    return 0;
  } finally {
    await pool.end();
  }
}

/** After the provider's checks: the database's, when DATABASE_URL is set (else 0, nothing printed). */
export async function databaseDoctorMain(): Promise<number> {
  const env = loadEnv();
  if (!env.DATABASE_URL) return 0;
  const language =
    toLanguage(process.env.LC_ALL) ?? toLanguage(process.env.LC_MESSAGES) ?? toLanguage(process.env.LANG) ?? env.MAILBRAKE_LOCALE;
  return checkDatabase(env.DATABASE_URL, translator(language), (line) => process.stdout.write(`${line}\n`));
}
