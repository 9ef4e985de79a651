// A real engine over the sandbox, the real Bolt adapter on 127.0.0.1, and a fake Slack.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import pino from "pino";
import { type RunningSlack, startSlack } from "../../adapters/slack/start.ts";
import type { HostingProvider } from "../../src/hosting/port.ts";
import type { Sandbox } from "../../src/hosting/sandbox/index.ts";
import { FakeSlack } from "../fakes/slackApi.ts";
import { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET } from "../fakes/slackRequests.ts";
import { makeTestApp, type TestApp } from "./testApp.ts";
import { spyProvider } from "./providerSpy.ts";

export interface SlackHarness {
  app: TestApp;
  fake: FakeSlack;
  slack: RunningSlack;
  base: string;
  logs: string[];
  sleeps: number[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  dataDir: string;
  policy?: unknown;
  env?: Record<string, string>;
  socket?: boolean;
  wrap?: (sandbox: Sandbox) => HostingProvider;
  latencyMs?: number;
  /** The adapter answers HTTP only after the listener finished (deterministic tests). */
  processBeforeResponse?: boolean;
}

export async function startHarness(options: HarnessOptions): Promise<SlackHarness> {
  const fake = await FakeSlack.start();
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: fake.apiUrl,
    MAILBRAKE_SLACK_CHANNEL: "CTEAM",
    ...(options.socket ? { SLACK_APP_TOKEN: APP_TOKEN } : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    ...options.env,
  };
  if (options.policy) {
    const file = join(options.dataDir, "policy.json");
    await writeFile(file, JSON.stringify(options.policy));
    env.MAILBRAKE_CONFIG = file;
  }
  const app = await makeTestApp({ dataDir: options.dataDir, env, wrap: options.wrap, latencyMs: options.latencyMs });
  const logs: string[] = [];
  const sleeps: number[] = [];
  const logger = pino({ level: "trace" }, { write: (line: string) => void logs.push(line) });
  const slack = await startSlack(app, {
    processBeforeResponse: options.processBeforeResponse ?? true,
    retryConfig: { retries: 0 },
    host: "127.0.0.1",
    port: 0,
    logger,
    sleep: async (ms) => void sleeps.push(ms),
  });
  return {
    app,
    fake,
    slack,
    base: `http://127.0.0.1:${slack.port}`,
    logs,
    sleeps,
    async close() {
      await slack.stop();
      await app.close();
      await fake.close();
    },
  };
}

/** Wraps the sandbox so that, while `hold()` is in force, every provider call waits for the test's `release()`. */
export function holdingProvider() {
  let held: Promise<void> | undefined;
  let started = 0;
  let onHeld: (() => void) | undefined;
  const wrap = (sandbox: Sandbox): HostingProvider =>
    spyProvider(sandbox, async ({ call }) => {
      if (held) {
        started++;
        onHeld?.();
        await held;
      }
      return call();
    });
  return {
    wrap,
    /** Resolves once a provider call is waiting on the hold. */
    whenHeld: () => (started > 0 ? Promise.resolve() : new Promise<void>((resolve) => (onHeld = resolve))),
    hold(): () => void {
      let release!: () => void;
      held = new Promise<void>((resolve) => {
        release = resolve;
      });
      return () => {
        held = undefined;
        release();
      };
    },
  };
}
