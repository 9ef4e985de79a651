// What several processes left in one data folder, read through the documented files and
// the CLI: the audit trail, the hostings' states, and whether a run ended cleanly.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "vitest";
import { type CliRun, runCli } from "./cli.ts";

export interface Audit {
  event: string;
  command: string;
  hosting?: string;
  outcome?: string;
}

export async function auditOf(dir: string): Promise<Audit[]> {
  const text = await readFile(join(dir, "audit.jsonl"), "utf8");
  // Every line is whole: no torn or interleaved record.
  return text.trim().split("\n").map((line) => JSON.parse(line) as Audit);
}

export async function statesOf(dir: string): Promise<Record<string, { state: string; reportRecipient: string }>> {
  const run = await runCli(["status", "all", "--json"], { dataDir: dir });
  expect(run.code, run.stderr).toBe(0);
  const hostings = JSON.parse(run.stdout).data.hostings as { name: string; state: string; reportRecipient: string }[];
  return Object.fromEntries(hostings.map((h) => [h.name, h]));
}

/** No crash: a known exit code, never a stack trace or a file seen half-written. */
export function expectClean(run: CliRun, label: string): void {
  expect([0, 1], `${label}: ${run.stderr}`).toContain(run.code);
  expect(run.stderr, label).not.toMatch(/\n\s+at |ENOENT|not valid JSON|Unterminated|does not have the expected shape|unexpected/i);
}

