// Several processes on one data folder, as a team runs them: a bot and scripts calling the
// one-shot CLI at once. Real child processes; outcomes only are asserted (no timing).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { type Audit, auditOf, expectClean, statesOf } from "../helpers/dataFolder.ts";
import { useTempDir } from "../helpers/tempDir.ts";

const HOSTINGS = ["boulangerie-martin.fr", "kahvila-aalto.fi", "sklep-nowak.pl"];

const executed = (audit: Audit[], command: string, hosting: string) =>
  audit.filter((r) => r.event === "executed" && r.command === command && r.hosting === hosting).length;

describe("several processes on one data folder", () => {
  const tempDir = useTempDir();

  it("20 one-shot commands at once, 3 rounds: no crash, no corrupt file, every exit-0 mutation in the state and the audit", { timeout: 90_000 }, async () => {
    const dir = await tempDir();
    const counts = { block: new Map<string, number>(), recipient: new Map<string, number>() };
    for (let round = 0; round < 3; round++) {
      const blocked = HOSTINGS[round] as string;
      const changed = HOSTINGS[(round + 1) % 3] as string;
      const emails = Array.from({ length: 6 }, (_, i) => `r${round}-${i}@example.com`);
      const commands: { kind: string; args: string[] }[] = [
        ...Array.from({ length: 4 }, () => ({ kind: "block", args: ["block", blocked, `round ${round}`, "--yes"] })),
        ...emails.map((email) => ({ kind: "recipient", args: ["recipient", changed, email, "--yes"] })),
        ...Array.from({ length: 6 }, () => ({ kind: "read", args: ["status", "all", "--json"] })),
        ...Array.from({ length: 2 }, () => ({ kind: "read", args: ["history"] })),
        ...Array.from({ length: 2 }, () => ({ kind: "read", args: ["status", blocked] })),
      ];
      const runs = await Promise.all(commands.map((c) => runCli(c.args, { dataDir: dir })));
      runs.forEach((run, i) => {
        expectClean(run, commands[i]!.args.join(" "));
      });
      const ok = (kind: string) => runs.filter((run, i) => commands[i]!.kind === kind && run.code === 0).length;
      // An action carried out says so (a block of a hosting already stopped ends well, but does nothing).
      const done = (kind: string) =>
        runs.filter((run, i) => commands[i]!.kind === kind && run.code === 0 && run.stdout.includes("Request sent successfully")).length;
      // Reads and recipient changes cannot be refused; of the blocks, at least the first is carried out.
      expect(ok("read")).toBe(10);
      expect(done("recipient")).toBe(6);
      expect(done("block")).toBeGreaterThanOrEqual(1);
      counts.block.set(blocked, (counts.block.get(blocked) ?? 0) + done("block"));
      counts.recipient.set(changed, (counts.recipient.get(changed) ?? 0) + done("recipient"));

      const states = await statesOf(dir);
      expect(states[blocked]?.state).toBe("ko");
      expect(emails).toContain(states[changed]?.reportRecipient);
      const audit = await auditOf(dir);
      expect(executed(audit, "block", blocked)).toBe(counts.block.get(blocked));
      expect(executed(audit, "recipient", changed)).toBe(counts.recipient.get(changed));
      JSON.parse(await readFile(join(dir, "mailbrake.json"), "utf8"));
      JSON.parse(await readFile(join(dir, "sandbox.json"), "utf8"));
    }
    const doc = JSON.parse(await readFile(join(dir, "mailbrake.json"), "utf8"));
    expect(Object.values(doc.confirmations).filter((c) => (c as { status: string }).status === "executing")).toEqual([]);
  });
});
