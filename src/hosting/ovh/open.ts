// The OVHcloud API as the app's provider, built from the environment.
import type { Logger } from "pino";
import { systemClock } from "../../clock.ts";
import type { Env } from "../../config.ts";
import { ConfigError } from "../../errors.ts";
import { OvhApi, type OvhApiOptions } from "./api.ts";
import { type BudgetTimer, CallBudget } from "./budget.ts";
import { createNodeOvhClient, type OvhCredentials, parseEndpoint, usesOAuth2 } from "./client.ts";
import { OvhProvider } from "./provider.ts";
import type { RetryPolicy } from "./retry.ts";

export interface OvhSettings {
  endpoint: string;
  credentials: OvhCredentials;
  timeoutMs: number;
  concurrency: number;
  retry?: RetryPolicy;
  logger: Logger;
  wait?: (ms: number) => Promise<void>;
  deadline?: OvhApiOptions["deadline"];
  /** OVH_CALLS_PER_MINUTE: the fair-use budget (undefined: unbounded). */
  callsPerMinute?: number;
  /** The budget's timer (tests: a fake one). */
  budgetTimer?: BudgetTimer;
}

export function settingsFromEnv(env: Env, logger: Logger): OvhSettings {
  if (!parseEndpoint(env.OVH_ENDPOINT)) {
    throw new ConfigError("OVH_ENDPOINT: must be ovh-eu, ovh-ca, ovh-us or the host[:port] of an API-compatible proxy");
  }
  return {
    endpoint: env.OVH_ENDPOINT,
    credentials: {
      appKey: env.OVH_APPLICATION_KEY,
      appSecret: env.OVH_APPLICATION_SECRET,
      consumerKey: env.OVH_CONSUMER_KEY,
      clientId: env.OVH_CLIENT_ID,
      clientSecret: env.OVH_CLIENT_SECRET,
    },
    timeoutMs: env.OVH_TIMEOUT_MS,
    concurrency: env.OVH_CONCURRENCY,
    retry: { retries: env.OVH_RETRIES, baseMs: 250, maxMs: 4_000 },
    callsPerMinute: env.OVH_CALLS_PER_MINUTE,
    logger,
  };
}

export function createOvhProvider(settings: OvhSettings): OvhProvider {
  const client = createNodeOvhClient(settings);
  const api = new OvhApi(client, {
    timeoutMs: settings.timeoutMs,
    concurrency: settings.concurrency,
    retry: settings.retry,
    signed: !usesOAuth2(settings.credentials),
    logger: settings.logger,
    wait: settings.wait,
    deadline: settings.deadline,
    budget: settings.callsPerMinute ? new CallBudget(settings.callsPerMinute, settings.budgetTimer) : undefined,
  });
  return new OvhProvider(api);
}

export function openOvh(env: Env, logger: Logger) {
  const provider = createOvhProvider(settingsFromEnv(env, logger));
  logger.child({ component: "ovh" }).info({ endpoint: env.OVH_ENDPOINT }, "using the OVHcloud API");
  return { provider, clock: systemClock };
}
