// The control panel's words (DOMAIN.md's glossary) in every language, and no English left in
// the translated core and terminal catalogs.
import { describe, expect, it } from "vitest";
import { flatten } from "../helpers/flatten.ts";
import { type Language, LANGUAGES, loadCatalogs, translate } from "../../src/i18n/index.ts";

type Term = "block" | "unblock" | "purge" | "recipient" | "enabled" | "disabled" | "purging" | "sentToday" | "errors" | "reportTo" | "confirm" | "requestSent";

/** The glossary of DOMAIN.md, as the provider's control panel words it. */
const GLOSSARY: Record<Language, Record<Term, string>> = {
  en: {
    block: "Block the sending of emails",
    unblock: "Unblock the sending of emails",
    purge: "Purge emails",
    recipient: "Change the recipient",
    enabled: "enabled",
    disabled: "disabled",
    purging: "purge",
    sentToday: "Emails sent today",
    errors: "Emails in error",
    reportTo: "Error report to",
    confirm: "Confirm",
    requestSent: "Request sent successfully",
  },
  fr: {
    block: "Bloquer l'envoi",
    unblock: "Débloquer l'envoi",
    purge: "Purger les e-mails",
    recipient: "Changer le destinataire",
    enabled: "actif",
    disabled: "inactif",
    purging: "purge",
    sentToday: "E-mails envoyés aujourd'hui",
    errors: "E-mails en erreur",
    reportTo: "Rapport d'erreurs à",
    confirm: "Valider",
    requestSent: "Demande envoyée",
  },
  fi: {
    block: "Estä lähetys",
    unblock: "Salli lähetys",
    purge: "Siivoa sähköpostit",
    recipient: "Vaihda vastaanottajaa",
    enabled: "aktiivinen",
    disabled: "ei aktiivinen",
    purging: "purge",
    sentToday: "Tänään lähetetyt viestit",
    errors: "Virhetilassa olevat sähköpostit",
    reportTo: "Virheraportit osoitteeseen",
    confirm: "Vahvista",
    requestSent: "Pyyntö lähetetty onnistuneesti",
  },
  pl: {
    block: "Blokuj wysyłkę",
    unblock: "Odblokuj wysyłkę",
    purge: "Usuń wiadomości e-mail",
    recipient: "Zmień odbiorcę",
    enabled: "aktywny",
    disabled: "nieaktywny",
    purging: "czyszczenie",
    sentToday: "Wiadomości e-mail wysłane dzisiaj",
    errors: "E-maile z błędami",
    reportTo: "Raporty o błędach",
    confirm: "Zatwierdź",
    requestSent: "Żądanie wysłane",
  },
  nl: {
    block: "De verzending blokkeren",
    unblock: "De verzending deblokkeren",
    purge: "E-mails wissen",
    recipient: "De ontvanger veranderen",
    enabled: "actief",
    disabled: "inactief",
    purging: "vrijgeven",
    sentToday: "Vandaag verzonden e-mails",
    errors: "E-mails in foutstatus",
    reportTo: "Foutrapport naar",
    confirm: "Bevestigen",
    requestSent: "Uw verzoek is verzonden",
  },
  pt: {
    block: "Bloquear o envio",
    unblock: "Desbloquear o envio",
    purge: "Purgar os e-mails",
    recipient: "Alterar o destinatário",
    enabled: "ativo",
    disabled: "inativo",
    purging: "purga",
    sentToday: "E-mails enviados hoje",
    errors: "E-mails em erro",
    reportTo: "Relatório de erros a",
    confirm: "Validar",
    requestSent: "Pedido enviado",
  },
};

describe.each(LANGUAGES)("%s follows the control panel's glossary", (language) => {
  const words = GLOSSARY[language];
  const t = (key: string) => translate(language, key);

  it("names the actions exactly as the control panel does", () => {
    expect({
      block: t("mutation.block.name"),
      unblock: t("mutation.unblock.name"),
      purge: t("mutation.purge.name"),
      recipient: t("mutation.recipient.name"),
      confirm: t("confirm.confirm"),
    }).toEqual({
      block: words.block,
      unblock: words.unblock,
      purge: words.purge,
      recipient: words.recipient,
      confirm: words.confirm,
    });
  });

  it("labels the status fields as the control panel does", () => {
    expect([t("status.sentToday"), t("status.errors"), t("status.reportTo")]).toEqual([
      words.sentToday,
      words.errors,
      words.reportTo,
    ]);
  });

  it("names the states with the badge words", () => {
    expect(t("state.ok")).toBe(words.enabled);
    expect(t("state.ko").startsWith(words.disabled)).toBe(true);
    expect(t("state.purging").toLowerCase()).toContain(words.purging);
  });

  it("announces every executed request with the panel's 'request sent'", () => {
    for (const action of ["block", "unblock", "purge", "recipient"]) {
      expect(t(`resolved.done.${action}`).startsWith(words.requestSent)).toBe(true);
    }
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
