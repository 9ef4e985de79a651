// The control panel's words (DOMAIN.md's glossary) in every language, and no English left in
// the translated core and terminal catalogs.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { stateTone } from "../../src/core/cards/stateWords.ts";
import { STOPPED_STATES } from "../../src/hosting/port.ts";
import { flatten } from "../helpers/flatten.ts";
import { type Language, LANGUAGES, loadCatalogs, translate } from "../../src/i18n/index.ts";

type Term =
  | "block"
  | "unblock"
  | "purge"
  | "recipient"
  | "enabled"
  | "disabled"
  | "purging"
  | "spam"
  | "bounce"
  | "force"
  | "state"
  | "sentToday"
  | "sentTotal"
  | "errors"
  | "reportTo"
  | "confirm"
  | "cancel";

/**
 * The control panel's own words, read from its translation files (../shared/reference, from
 * ovh/manager), so that a drift between the panel and the catalogs is caught here.
 */
const PANEL_FILE = new URL("../../../shared/reference/ovh-panel-terms.json", import.meta.url);
const panel = JSON.parse(readFileSync(PANEL_FILE, "utf8")) as Record<string, Record<string, string>>;
const PANEL_LOCALE: Record<Exclude<Language, "fi">, string> = { en: "en_GB", fr: "fr_FR", pl: "pl_PL", nl: "nl_NL", pt: "pt_PT" };
/** A label as the panel writes it, without its trailing colon. */
const label = (text: string) => text.replace(/\s*:\s*$/, "").trim();

function panelTerms(locale: string): Record<Term, string> {
  const p = panel[locale] ?? {};
  const word = (key: string) => label(p[key] ?? `(missing ${key})`);
  return {
    block: word("panel_block"),
    unblock: word("panel_unblock"),
    purge: word("panel_purge"),
    recipient: word("panel_report_email_change"),
    enabled: word("panel_status_ok"),
    disabled: word("panel_status_ko"),
    purging: word("panel_status_purging"),
    spam: word("panel_status_spam"),
    bounce: word("panel_status_bounce"),
    force: word("panel_status_force"),
    state: word("panel_status"),
    sentToday: word("panel_today_sent"),
    sentTotal: word("panel_total_sent"),
    errors: word("panel_volume_history"),
    reportTo: word("panel_report_email"),
    confirm: word("wizard_confirm"),
    cancel: word("wizard_cancel"),
  };
}

/** The panel's Finnish is untranslated English: Finnish takes the Finnish guide's words (DOMAIN.md). */
const FINNISH: Record<Term, string> = {
  ...panelTerms("fi_FI"), // the raw state names (spam, bounce, force, purge) the panel shows untranslated
  block: "Estä lähetys",
  unblock: "Salli lähetys",
  purge: "Siivoa sähköpostit",
  recipient: "Vaihda vastaanottajaa",
  enabled: "aktiivinen",
  disabled: "ei aktiivinen",
  confirm: "Vahvista",
  cancel: "Peruuta",
  state: "Tila",
  sentToday: "Tänään lähetetyt viestit",
  sentTotal: "Lähetetyt viestit (yhteensä)",
  errors: "Virhetilassa olevat sähköpostit",
  reportTo: "Virheraportit osoitteeseen",
};

const GLOSSARY: Record<Language, Record<Term, string>> = {
  en: panelTerms(PANEL_LOCALE.en),
  fr: panelTerms(PANEL_LOCALE.fr),
  pl: panelTerms(PANEL_LOCALE.pl),
  nl: panelTerms(PANEL_LOCALE.nl),
  pt: panelTerms(PANEL_LOCALE.pt),
  fi: FINNISH,
};

/** "Request sent" as the panel's success message says it (not in the terms file). */
const REQUEST_SENT: Record<Language, string> = {
  en: "Request sent successfully",
  fr: "Demande envoyée",
  fi: "Pyyntö lähetetty onnistuneesti",
  pl: "Żądanie wysłane",
  nl: "Uw verzoek is verzonden",
  pt: "Pedido enviado",
};

describe.each(LANGUAGES)("%s follows the control panel's glossary", (language) => {
  const words = GLOSSARY[language];
  const t = (key: string) => translate(language, key);

  it("names the actions and buttons exactly as the control panel does", () => {
    expect({
      block: t("mutation.block.name"),
      unblock: t("mutation.unblock.name"),
      purge: t("mutation.purge.name"),
      recipient: t("mutation.recipient.name"),
      confirm: t("confirm.confirm"),
      cancel: t("confirm.cancel"),
      alertBlock: t("jobs:button.block"),
      alertUnblock: t("jobs:button.unblock"),
      alertPurge: t("jobs:button.purge"),
    }).toEqual({
      block: words.block,
      unblock: words.unblock,
      purge: words.purge,
      recipient: words.recipient,
      confirm: words.confirm,
      cancel: words.cancel,
      alertBlock: words.block,
      alertUnblock: words.unblock,
      alertPurge: words.purge,
    });
    expect(t("jobs:button.unblockDoubles").startsWith(words.unblock)).toBe(true);
  });

  it("labels the status fields as the control panel does", () => {
    expect([t("status.state"), t("status.sentToday"), t("status.sentTotal"), t("status.errors"), t("status.reportTo")]).toEqual([
      words.state,
      words.sentToday,
      words.sentTotal,
      words.errors,
      words.reportTo,
    ]);
  });

  it("names each state with the panel's badge word first, then explains it", () => {
    const first = (key: string) => t(key).toLowerCase();
    expect(first("state.ok")).toBe(words.enabled.toLowerCase());
    expect(first("state.ko").startsWith(words.disabled.toLowerCase())).toBe(true);
    for (const state of ["spam", "bounce", "force", "purging"] as const) {
      expect(first(`state.${state}`).startsWith(words[state].toLowerCase()), state).toBe(true);
    }
  });

  it("announces every executed request with the panel's 'request sent'", () => {
    for (const action of ["block", "unblock", "purge", "recipient"]) {
      expect(t(`resolved.done.${action}`).startsWith(REQUEST_SENT[language])).toBe(true);
    }
  });
});

describe("stopped states are red everywhere, as in the control panel", () => {
  it("gives every stopped state (and an unknown one) the danger tone, sending states success", () => {
    for (const state of STOPPED_STATES) expect(stateTone(state), state).toBe("danger");
    expect(stateTone("ok")).toBe("success");
    expect(stateTone("force")).toBe("success");
  });
});

/** Messages that may read the same as English: placeholders only, typed command words, or
 * "hosting", which Polish and Dutch use as well. */
const SAME_AS_ENGLISH = /^(mutation\.title|status\.errorsValue|resolved\.at|history\.line|status\.allTitle_\w+|help\.arg\.\w+|role\.operator)$/;
/** English words that have no business in a translated sentence. */
const ENGLISH_WORDS = /\b(the|sending|emails?|please|request|nobody|enabled|disabled)\b/i;

describe("no English left in the translated core and terminal catalogs", () => {
  const catalogs = loadCatalogs();
  const english = { core: flatten(catalogs.en.core), console: flatten(catalogs.en.console) };

  it.each(LANGUAGES.filter((l) => l !== "en"))("%s", (language) => {
    const leftovers: string[] = [];
    for (const namespace of ["core", "console"] as const) {
      for (const [key, text] of Object.entries(flatten(catalogs[language][namespace]))) {
        const same = english[namespace][key] === text && !SAME_AS_ENGLISH.test(key);
        const words = text.replace(/\{\{\w+\}\}|`[^`]*`|[A-Z_]{4,}|mailbrake \S+|--\w+/g, "");
        if (same || (ENGLISH_WORDS.test(words) && !/^help\.arg\./.test(key))) leftovers.push(`${namespace}:${key}: ${text}`);
      }
    }
    expect(leftovers).toEqual([]);
  });
});
