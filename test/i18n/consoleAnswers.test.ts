// The terminal's confirmation question in each language: its own yes (and its first letter)
// and always the English y/yes; anything else, another language's yes included, means no.
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { isYes, yesWords } from "../../adapters/console/answers.ts";
import { TerminalChat } from "../../adapters/console/chat.ts";
import { type Language, LANGUAGES, translate } from "../../src/i18n/index.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { HOSTING, makeTestApp, type TestApp } from "../helpers/testApp.ts";

describe("yes in each language", () => {
  it.each([
    ["en", "Confirm? [y/N]", ["y", "yes", "Y", " YES "], ["o", "oui", "k", "ja"]],
    ["fr", "Valider ? [o/N]", ["o", "oui", "OUI", "y", "yes"], ["k", "non", "n", "ouii", "s"]],
    ["fi", "Vahvista? [k/E]", ["k", "kyllä", "KYLLÄ", "kylla\u0308", "y", "yes"], ["e", "ei", "o", "j"]],
    ["pl", "Zatwierdzić? [t/N]", ["t", "tak", "Tak", "y", "yes"], ["n", "nie", "o", "s"]],
    ["nl", "Bevestigen? [j/N]", ["j", "ja", "JA", "y", "yes"], ["n", "nee", "t", "k"]],
    ["pt", "Validar? [s/N]", ["s", "sim", "SIM", "y", "yes"], ["n", "não", "o", "j"]],
  ] as const)("%s asks %j", (language, prompt, yes, no) => {
    expect(translate(language, "console:confirmPrompt")).toBe(prompt);
    for (const answer of yes) expect({ answer, yes: isYes(language, answer) }).toEqual({ answer, yes: true });
    for (const answer of no) expect({ answer, yes: isYes(language, answer) }).toEqual({ answer, yes: false });
  });

  it.each(LANGUAGES)("%s: an empty answer, a closed input or a sentence means no", (language) => {
    expect(isYes(language, "")).toBe(false);
    expect(isYes(language, "   ")).toBe(false);
    expect(isYes(language, undefined)).toBe(false);
    expect(isYes(language, "yes please")).toBe(false);
  });

  it.each(LANGUAGES)("%s: the letter shown in the question is accepted", (language) => {
    const shown = /\[(\p{L})\//u.exec(translate(language, "console:confirmPrompt"))?.[1];
    expect(shown).toBeDefined();
    expect(yesWords(language)).toContain(shown!.toLowerCase());
    expect(yesWords(language)).toEqual(expect.arrayContaining(["y", "yes"]));
  });
});

describe("the terminal chat asks in the user's language", () => {
  const tempDir = useTempDir();
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function session(language: Language, lines: string[]) {
    const dir = await tempDir();
    app = await makeTestApp({ dataDir: dir });
    const input = new PassThrough();
    const output = new PassThrough();
    let written = "";
    output.on("data", (chunk: Buffer) => {
      written += chunk.toString("utf8");
    });
    const chat = new TerminalChat({
      engine: app.engine,
      language,
      input,
      output,
      style: { color: false },
      historyFile: join(dir, "history"),
      attachmentDir: dir,
    });
    const done = chat.run();
    input.end(`${lines.join("\n")}\n`);
    await done;
    return { written, state: (await app.sandbox.getMail(HOSTING)).state };
  }

  it("French: « oui » confirms the block", async () => {
    const { written, state } = await session("fr", [`block ${HOSTING}`, "oui", "exit"]);
    expect(written).toContain("hébergements). Tapez « help »");
    expect(written).toContain("Valider ? [o/N] ");
    expect(written).toContain("Demande envoyée : l'envoi est bloqué");
    expect(state).toBe("ko");
  });

  it("French: the Finnish « k » is not a yes, so nothing changes", async () => {
    const { written, state } = await session("fr", [`block ${HOSTING}`, "k", "exit"]);
    expect(written).toContain("Annulé. Rien n'a été modifié.");
    expect(state).toBe("ok");
  });

  it("Finnish: « kyllä » confirms, and the English « y » works too", async () => {
    const first = await session("fi", [`block ${HOSTING}`, "kyllä", "exit"]);
    expect(first.written).toContain("Vahvista? [k/E] ");
    expect(first.written).toContain("Pyyntö lähetetty onnistuneesti");
    expect(first.state).toBe("ko");
    await app?.close();
    const second = await session("fi", [`block ${HOSTING}`, "y", "exit"]);
    expect(second.state).toBe("ko");
  });

  it("Polish: « nie » cancels and the card says so in Polish", async () => {
    const { written, state } = await session("pl", [`block ${HOSTING}`, "nie", "exit"]);
    expect(written).toContain("Zatwierdzić? [t/N] ");
    expect(written).toContain("Anulowano. Nic nie zostało zmienione.");
    expect(state).toBe("ok");
  });
});
