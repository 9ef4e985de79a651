// Cards in French and Finnish, end to end: a command through the real engine over the sandbox,
// rendered by the terminal renderer, in the control panel's words with local dates and numbers.
import { afterEach, describe, expect, it } from "vitest";
import { renderText } from "../../adapters/console/render.ts";
import { LANGUAGES, translate } from "../../src/i18n/index.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, buttons, click, HOSTING, makeTestApp, person, type TestApp } from "../helpers/testApp.ts";

const NB = "\u00a0";
const NNB = "\u202f";
const ADMIN = person("A");
const seed = [
  {
    name: HOSTING,
    maxPerDay: 12_500,
    profile: { dailyMails: 320, errorRate: 0.025 },
    historyDays: 30,
  },
  { name: "kahvila-aalto.fi", maxPerDay: 500, profile: { dailyMails: 60, errorRate: 0.015 } },
];

describe("cards in the user's language", () => {
  const tempDir = useTempDir();
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function setup(env: Record<string, string> = {}) {
    app = await makeTestApp({
      dataDir: await tempDir(),
      env: { MAILBRAKE_ADMINS: "slack:A", MAILBRAKE_TZ: "Europe/Paris", ...env },
      hostings: seed,
    });
    return app;
  }

  it("French: status card with French labels, numbers grouped the French way", async () => {
    const app = await setup();
    const text = renderText(await ask(app, ADMIN, `status ${HOSTING}`, "fr"));
    expect(text).toMatch(/^✓ boulangerie-martin\.fr$/m);
    expect(text).toMatch(/^ {2}État du service +actif$/m);
    expect(text).toMatch(new RegExp(`^ {2}E-mails envoyés aujourd'hui +\\d+ sur 12${NNB}500$`, "m"));
    expect(text).toMatch(new RegExp(`^ {2}E-mails en erreur +\\d+ \\(\\d+,\\d+${NB}%\\)$`, "m"));
    expect(text).toMatch(new RegExp(`^ {2}Total des e-mails envoyés +\\d+${NNB}\\d{3}$`, "m"));
    expect(text).toMatch(/^ {2}Rapport d'erreurs à +postmaster@boulangerie-martin\.fr$/m);
    expect(text).not.toMatch(/Emails sent|State|enabled/);
  });

  it("French: block confirmation card says « Bloquer l'envoi » and « Valider »", async () => {
    const app = await setup();
    const reply = await ask(app, ADMIN, `block ${HOSTING} formulaire piraté`, "fr");
    const text = renderText(reply);
    expect(text).toMatch(/^! Bloquer l'envoi — boulangerie-martin\.fr$/m);
    expect(text).toContain("Aucun e-mail ne sera supprimé ; l'envoi est retenu pendant 72 heures.");
    expect(text).toMatch(/^ {2}Motif +formulaire piraté$/m);
    expect(text).toContain(`(Expire dans 5${NB}min. Seul user-A ou un administrateur peut valider.)`);
    const labels = reply.card?.blocks.flatMap((b) => (b.type === "actions" ? b.buttons.map((x) => x.label) : []));
    expect(labels).toEqual(["Valider", "Annuler"]);
  });

  it("French: the decision shows « Demande envoyée » and a French date in the configured zone", async () => {
    const app = await setup();
    const [confirm] = buttons(await ask(app, ADMIN, `block ${HOSTING}`, "fr"));
    const result = await click(app, ADMIN, confirm!, "fr");
    const text = renderText(result.update!);
    expect(text).toContain("Demande envoyée : l'envoi est bloqué et les nouveaux e-mails sont retenus.");
    // The manual clock reads 09:00 UTC on 24 November 2026: 10:00 in Paris.
    expect(text).toContain("Décidé par user-A le 24 nov. 2026, 10:00 UTC+1");
    const status = renderText(await ask(app, ADMIN, `status ${HOSTING}`, "fr"));
    expect(status).toMatch(/^ {2}État du service +inactif : envoi arrêté, e-mails retenus$/m);
    expect(status).toMatch(/^ {2}Début de la rétention +24 nov\. 2026, 10:00 UTC\+1$/m);
    expect(status).toMatch(new RegExp(`27 nov\\. 2026, 10:00 UTC\\+1 \\(dans 72${NNB}h\\)$`, "m"));
  });

  it("Finnish: status card with Finnish labels and numbers", async () => {
    const app = await setup({ MAILBRAKE_TZ: "Europe/Helsinki" });
    const text = renderText(await ask(app, ADMIN, `status ${HOSTING}`, "fi"));
    expect(text).toMatch(/^ {2}Tila +aktiivinen$/m);
    expect(text).toMatch(new RegExp(`^ {2}Tänään lähetetyt viestit +\\d+ / 12${NB}500$`, "m"));
    expect(text).toMatch(/^ {2}Virhetilassa olevat sähköpostit +\d+ \(\d+,\d+\u00a0%\)$/m);
    expect(text).toMatch(/^ {2}Virheraportit osoitteeseen +postmaster@boulangerie-martin\.fr$/m);
  });

  it("Finnish: block confirmation card says « Estä lähetys » and « Vahvista »; the decision is dated the Finnish way", async () => {
    const app = await setup({ MAILBRAKE_TZ: "Europe/Helsinki" });
    const reply = await ask(app, ADMIN, `block ${HOSTING}`, "fi");
    const text = renderText(reply);
    expect(text).toMatch(/^! Estä lähetys — boulangerie-martin\.fr$/m);
    expect(text).toContain("Yhtään sähköpostia ei poisteta");
    expect(text).toContain("(Vanhenee 5 min kuluttua. Vain user-A tai ylläpitäjä voi vahvistaa.)");
    const labels = reply.card?.blocks.flatMap((b) => (b.type === "actions" ? b.buttons.map((x) => x.label) : []));
    expect(labels).toEqual(["Vahvista", "Peruuta"]);
    const result = await click(app, ADMIN, buttons(reply)[0]!, "fi");
    const decided = renderText(result.update!);
    expect(decided).toContain("Pyyntö lähetetty onnistuneesti: lähetys on estetty");
    expect(decided).toContain("Päätös: user-A, 24.11.2026 klo 11.00 UTC+2");
    const status = renderText(await ask(app, ADMIN, `status ${HOSTING}`, "fi"));
    expect(status).toMatch(/^ {2}Tila +ei aktiivinen: lähetys pysäytetty, sähköpostit pidätetty$/m);
    expect(status).toMatch(/^ {2}Pidätettyjen sähköpostien poisto alkaa +27\.11\.2026 klo 11\.00 UTC\+2 \(72 t kuluttua\)$/m);
  });

  it("a purge asked while sending is on explains, in French, that sending must be blocked first", async () => {
    const app = await setup();
    const reply = await ask(app, ADMIN, `purge ${HOSTING}`, "fr");
    const text = renderText(reply);
    // The card is titled by what its button does (issue #17): a block.
    expect(text).toMatch(/^! Bloquer l'envoi — boulangerie-martin\.fr$/m);
    expect(text).toContain("Vous devez d'abord bloquer l'envoi des e-mails avant de pouvoir les purger.");
    const labels = reply.card?.blocks.flatMap((b) => (b.type === "actions" ? b.buttons.map((x) => x.label) : []));
    expect(labels).toEqual(["Bloquer l'envoi", "Annuler"]);
  });

  it("bad input is answered in the user's language and changes nothing", async () => {
    const app = await setup();
    const unknown = await ask(app, ADMIN, "block nope.example", "fi");
    expect(unknown.text).toContain("Webhotellia ”nope.example” ei ole.");
    const badEmail = await ask(app, ADMIN, `recipient ${HOSTING} pas-une-adresse`, "fr");
    expect(badEmail.text).toContain("« pas-une-adresse » n'est pas une adresse e-mail valide");
    const command = await ask(app, ADMIN, "bloquer example.com", "pl");
    expect(command.text.split("\n")[0]).toBe("Nieznane polecenie „bloquer”.");
    expect(command.text).toContain("block <hosting> [powód] — blokuj wysyłkę");
    expect((await app.sandbox.getMail(HOSTING)).state).toBe("ok");
    expect(app.sink.posts).toEqual([]);
  });

  it("the channel announcement uses the channel's language, not the requester's", async () => {
    const app = await setup({ MAILBRAKE_LOCALE: "fi", MAILBRAKE_TZ: "Europe/Helsinki" });
    const [confirm] = buttons(await ask(app, ADMIN, `block ${HOSTING} testi`, "fr"));
    await click(app, ADMIN, confirm!, "fr");
    expect(app.sink.posts).toHaveLength(1);
    const post = app.sink.posts[0]!.text;
    expect(post).toContain("user-A esti sähköpostien lähetyksen webhotellista boulangerie-martin.fr 24.11.2026 klo 11.00 UTC+2.");
    expect(post).toContain("Syy: testi");
    expect(post).not.toContain("Bloquer");
  });

  it("the help lists the commands with their usage in the user's language", async () => {
    const app = await setup();
    const help = await ask(app, ADMIN, "help", "pt");
    expect(help.text).toContain("Comandos que pode executar (a sua função: administrador):");
    expect(help.text).toContain("block <alojamento> [motivo] — bloquear o envio");
  });

  /** Words that betray English left in a translated card. */
  const ENGLISH = /\b(the|sending|emails?|enabled|disabled|request|sent|errors?|held|confirm|cancel)\b/i;

  it.each(LANGUAGES.filter((l) => l !== "en"))("%s: a whole block round trip has no English left", async (language) => {
    const app = await setup({ MAILBRAKE_LOCALE: language });
    const texts: string[] = [];
    texts.push(renderText(await ask(app, ADMIN, `status ${HOSTING}`, language)));
    texts.push(renderText(await ask(app, ADMIN, "status all", language)));
    const card = await ask(app, ADMIN, `block ${HOSTING}`, language);
    texts.push(renderText(card));
    expect(card.card?.title).toBe(`${translate(language, "mutation.block.name")} — ${HOSTING}`);
    const result = await click(app, ADMIN, buttons(card)[0]!, language);
    texts.push(renderText(result.update!));
    texts.push(renderText(await ask(app, ADMIN, `status ${HOSTING}`, language)));
    texts.push(renderText(await ask(app, ADMIN, `unblock ${HOSTING}`, language)));
    texts.push(renderText(await ask(app, ADMIN, `purge ${HOSTING}`, language)));
    texts.push(renderText(await ask(app, ADMIN, "help", language)));
    texts.push(...app.sink.posts.map((post) => renderText(post)));
    const leftovers = texts
      .flatMap((text) => text.split("\n"))
      // Hosting names and e-mail addresses are data, not words.
      .map((line) => line.replace(/[\w.-]+@[\w.-]+|[\w-]+\.(fr|fi|pl)\b/g, ""))
      // The control panel's own Dutch label is half English ("Error report naar"); it is kept
      // as the panel says it, so people find the same words in both places.
      .map((line) => line.replace(translate(language, "status.reportTo"), ""))
      // The help lists the typed commands, which stay English.
      .filter((line) => !/^ {2}(help|status|block|unblock|purge|recipient|report|history|drill|advance)\b/.test(line))
      .filter((line) => ENGLISH.test(line));
    expect(leftovers).toEqual([]);
  });
});
