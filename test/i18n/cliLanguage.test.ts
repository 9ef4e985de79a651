// The real CLI in the terminal's language: LANG picks it, MAILBRAKE_LOCALE stands in when LANG
// names no catalog language, and the one-shot and chat answers follow it.
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { useTempDir } from "../helpers/tempDir.ts";

const HOSTING = "boulangerie-martin.fr";

const run = (args: string[], dataDir: string, env: Record<string, string>, input = "") =>
  runCli(args, { dataDir, env, input });

describe("the CLI speaks the terminal's language", () => {
  const tempDir = useTempDir();

  it("--help follows MAILBRAKE_LOCALE when LANG is C", async () => {
    const dir = await tempDir();
    const polish = await run(["--help"], dir, { LANG: "C.UTF-8", MAILBRAKE_LOCALE: "pl" });
    expect(polish.code).toBe(0);
    expect(polish.stdout).toContain("Użycie: mailbrake [polecenie] [opcje]");
  });

  it("a French one-shot block without --yes asks for --yes in French (LANG wins over MAILBRAKE_LOCALE)", async () => {
    const dir = await tempDir();
    const block = await run(["block", HOSTING], dir, { LANG: "fr_FR.UTF-8", MAILBRAKE_LOCALE: "pt" });
    expect(block.code).toBe(3);
    expect(block.stderr).toContain("Cette commande modifie quelque chose : ajoutez --yes");
  });

  it("the Finnish chat asks [k/E] and « kyllä » blocks", async () => {
    const dir = await tempDir();
    const script = [`block ${HOSTING}`, "kyllä", `status ${HOSTING}`, "exit", ""].join("\n");
    const chat = await run(["chat"], dir, { LC_ALL: "fi_FI.UTF-8", LANG: "C" }, script);
    expect(chat.code).toBe(0);
    expect(chat.stdout).toContain("Vahvista? [k/E]");
    expect(chat.stdout).toContain("Pyyntö lähetetty onnistuneesti: lähetys on estetty");
    expect(chat.stdout).toMatch(/Tila +ei aktiivinen/);
  });
});
