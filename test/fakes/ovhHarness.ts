// A Sandbox behind the fake OVH API, and an OvhProvider (the real node-ovh client) pointed
// at it, with captured logs. No test waits on the wall clock: a call's deadline is reached
// when the fake leaves its request unanswered (HeldDeadlines), and retries do not wait.
import { ManualClock } from "../../src/clock.ts";
import { createOvhProvider, type OvhSettings } from "../../src/hosting/ovh/open.ts";
import type { OvhProvider } from "../../src/hosting/ovh/provider.ts";
import { Sandbox, type SandboxHostingSeed } from "../../src/hosting/sandbox/index.ts";
import { createLogger } from "../../src/logger.ts";
import { HeldDeadlines } from "./heldDeadlines.ts";
import { trustLoopbackCertificate } from "./ovhCert.ts";
import { FAKE_CREDENTIALS, FakeOvhApi, type FakeOvhOptions } from "./ovhApi.ts";

export interface OvhHarness {
  fake: FakeOvhApi;
  sandbox: Sandbox;
  clock: ManualClock;
  provider: OvhProvider;
  /** Every log line written (JSON, as pino writes them). */
  logs: string[];
  /** Another provider over the same fake (different settings). */
  makeProvider(overrides?: Partial<OvhSettings>): OvhProvider;
  close(): Promise<void>;
}

export interface HarnessOptions extends Partial<Omit<FakeOvhOptions, "sandbox">> {
  hostings?: SandboxHostingSeed[];
  settings?: Partial<OvhSettings>;
}

export async function startOvhHarness(options: HarnessOptions = {}): Promise<OvhHarness> {
  await trustLoopbackCertificate();
  const clock = new ManualClock();
  const sandbox = await Sandbox.open({
    clock,
    seed: 7,
    hostings: options.hostings,
    unblockDelayMs: [60_000, 60_000],
    purgeDurationMs: [300_000, 300_000],
  });
  const fake = await FakeOvhApi.start({ ...options, sandbox });
  const deadlines = new HeldDeadlines();
  fake.onHang = deadlines.held;
  const logs: string[] = [];
  const logger = createLogger({
    level: "debug",
    secrets: [],
    destination: { write: (line: string) => logs.push(line) },
  });
  const makeProvider = (overrides: Partial<OvhSettings> = {}) =>
    createOvhProvider({
      endpoint: fake.endpoint,
      credentials: { ...FAKE_CREDENTIALS },
      timeoutMs: 1_000,
      concurrency: 8,
      retry: { retries: 2, baseMs: 1, maxMs: 5 },
      logger,
      wait: async () => undefined,
      deadline: deadlines.deadline,
      ...options.settings,
      ...overrides,
    });
  return {
    fake,
    sandbox,
    clock,
    provider: makeProvider(),
    logs,
    makeProvider,
    async close() {
      await fake.close();
      await sandbox.close();
    },
  };
}

