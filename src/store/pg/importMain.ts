// `npx mailbrake store import`: the embedded store of MAILBRAKE_DATA_FILE's folder copied into
// the PostgreSQL database of DATABASE_URL, once; prints what was copied, in the terminal's language.
import { loadEnv } from "../../config.ts";
import { toLanguage, translator } from "../../i18n/index.ts";
import { importEmbedded } from "./importEmbedded.ts";
import { openPgStore } from "./open.ts";

const DAY_MS = 86_400_000;

export async function storeImportMain(write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const env = loadEnv();
  const language =
    toLanguage(process.env.LC_ALL) ?? toLanguage(process.env.LC_MESSAGES) ?? toLanguage(process.env.LANG) ?? env.MAILBRAKE_LOCALE;
  const t = translator(language);
  if (!env.DATABASE_URL) {
    write(t("console:storeNeedsDatabase"));
    return 2;
  }
  const store = await openPgStore(env.DATABASE_URL, {
    audit: { maxRecords: env.MAILBRAKE_AUDIT_MAX_RECORDS, maxAgeMs: env.MAILBRAKE_AUDIT_MAX_DAYS * DAY_MS },
    retry: { attempts: 1 },
  });
  try {
    const result = await importEmbedded(store.pool, env.MAILBRAKE_DATA_FILE, Date.now());
    if (result.kind === "already") {
      write(t("console:storeAlreadyImported", { date: `${new Date(result.at).toISOString().slice(0, 16).replace("T", " ")} UTC` }));
    } else {
      write(t("console:storeImported", { ...result.counts }));
    }
    return 0;
  } finally {
    await store.close();
  }
}
