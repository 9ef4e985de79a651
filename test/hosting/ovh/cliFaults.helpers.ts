// The one-shot CLI (runOnce, in this process) over the real node-ovh client and the fake
// OVH API, with call deadlines fired by the fake (no wall-clock timeouts) and retry waits
// recorded instead of slept.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runOnce } from "../../../adapters/console/oneShot.ts";
import { parseArgs } from "../../../src/cli.ts";
import type { SandboxHostingSeed } from "../../../src/hosting/sandbox/index.ts";
import { FAKE_CREDENTIALS, type Fault } from "../../fakes/ovhApi.ts";
import { type OvhHarness, startOvhHarness } from "../../fakes/ovhHarness.ts";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliWorld {
  harness: OvhHarness;
  /** The data folder (audit.jsonl is there). */
  dir: string;
  /** Waits the provider asked for between read attempts (ms). */
  waits: number[];
  run(command: string, env?: Record<string, string>): Promise<CliResult>;
  /** A fault; a "hold" fault is never released: its caller's deadline is reached. */
  inject(fault: Fault): void;
  close(): Promise<void>;
}

export const FAULT_HOSTINGS: SandboxHostingSeed[] = [
  { name: "boulangerie-martin.fr", maxPerDay: 1000, profile: { dailyMails: 300, errorRate: 0.04 }, historyDays: 5 },
  { name: "atelier-nord.fi", maxPerDay: 500, profile: { dailyMails: 80, errorRate: 0.02 }, historyDays: 5, state: "ko" },
];

export async function cliWorld(hostings: SandboxHostingSeed[] = FAULT_HOSTINGS): Promise<CliWorld> {
  const harness = await startOvhHarness({ hostings });
  const dir = await mkdtemp(join(tmpdir(), "mailbrake-faults-"));
  const waits: number[] = [];
  return {
    harness,
    dir,
    waits,
    inject(fault) {
      harness.fake.inject(fault.kind === "hold" ? { release: new Promise(() => undefined), ...fault } : fault);
    },
    async run(command, extra = {}) {
      const { flags, words } = parseArgs(command.split(" "));
      let stdout = "";
      let stderr = "";
      const code = await runOnce(words, flags, {
        env: {
          LANG: "C",
          MAILBRAKE_DATA_FILE: join(dir, "mailbrake.json"),
          MAILBRAKE_ADMINS: "console:*",
          OVH_ENDPOINT: harness.fake.endpoint,
          OVH_APPLICATION_KEY: FAKE_CREDENTIALS.appKey,
          OVH_APPLICATION_SECRET: FAKE_CREDENTIALS.appSecret,
          OVH_CONSUMER_KEY: FAKE_CREDENTIALS.consumerKey,
          ...extra,
        },
        out: { write: (text: string) => (stdout += text) },
        err: { write: (text: string) => (stderr += text) },
        openProvider: (logger) => ({
          provider: harness.makeProvider({
            logger,
            timeoutMs: 10_000,
            wait: async (ms) => {
              waits.push(ms);
            },
          }),
          clock: harness.clock,
        }),
      });
      return { code, stdout, stderr };
    },
    async close() {
      await harness.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
