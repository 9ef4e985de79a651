// A running bot (the terminal chat, with its jobs) and one-shot commands on one data folder
// see each other's changes at once: nothing is cached across operations.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { statesOf } from "../helpers/dataFolder.ts";
import { useTempDir } from "../helpers/tempDir.ts";

const bin = new URL("../../bin/mailbrake.js", import.meta.url).pathname;

/** `mailbrake chat` reading commands from a pipe; `say` resolves once the answer shows `expected`. */
function startChat(dataDir: string) {
  const child = spawn(process.execPath, [bin, "chat"], {
    cwd: dataDir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: "C", MAILBRAKE_DATA_FILE: join(dataDir, "mailbrake.json") },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let waiting: { from: number; expected: string; resolve: (text: string) => void } | undefined;
  const check = () => {
    if (waiting && out.slice(waiting.from).includes(waiting.expected)) {
      const { from, resolve } = waiting;
      waiting = undefined;
      resolve(out.slice(from));
    }
  };
  child.stdout.on("data", (d) => {
    out += d;
    check();
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return {
    say(line: string, expected: string): Promise<string> {
      return new Promise((resolve) => {
        waiting = { from: out.length, expected, resolve };
        child.stdin.write(`${line}\n`);
        check();
      });
    },
    async end(): Promise<number | null> {
      child.stdin.end("exit\n");
      return exited;
    },
  };
}

describe("a running bot and one-shot commands on one data folder", () => {
  const tempDir = useTempDir();

  it("each sees the other's changes", { timeout: 60_000 }, async () => {
    const dir = await tempDir();
    const chat = startChat(dir);
    expect(await chat.say("status boulangerie-martin.fr", "boulangerie-martin.fr")).toContain("enabled");

    // A script blocks; the running chat's next status shows it, and its history has the action.
    const block = await runCli(["block", "boulangerie-martin.fr", "from a script", "--yes"], { dataDir: dir });
    expect(block.code, block.stderr).toBe(0);
    expect(await chat.say("status boulangerie-martin.fr", "boulangerie-martin.fr")).toContain("disabled");
    expect(await chat.say("history boulangerie-martin.fr", "Recent activity")).toMatch(/executed block boulangerie-martin\.fr/);

    // The chat changes a recipient; the next one-shot command reads it.
    await chat.say("recipient kahvila-aalto.fi chat@example.com", "Confirm?");
    expect(await chat.say("y", "Request sent successfully")).toContain("chat@example.com");
    expect((await statesOf(dir))["kahvila-aalto.fi"]?.reportRecipient).toBe("chat@example.com");

    expect(await chat.end()).toBe(0);
  });
});
