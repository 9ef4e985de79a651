// Composition of the platform-neutral product: config → logger → store → hosting → engine.
// Adapters and jobs are attached by the start-up path.
import type { Language } from "./i18n/index.ts";
import { dirname, join } from "node:path";
import type { Logger } from "pino";
import type { Clock } from "./clock.ts";
import { type Env, usesOvh } from "./config.ts";
import { Engine } from "./core/engine.ts";
import { Notifier } from "./core/notifier.ts";
import { reconcile } from "./core/reconcile.ts";
import type { SandboxControls, Services } from "./core/services.ts";
import type { HostingProvider } from "./hosting/port.ts";
import { openSandbox } from "./hosting/openSandbox.ts";
import { OnDemandReports } from "./jobs/onDemand.ts";
import { jobSettings } from "./jobs/settings.ts";
import { loadPolicy } from "./policy.ts";
import { EmbeddedStore } from "./store/embedded/embeddedStore.ts";
import type { StorePort } from "./store/port.ts";

export interface App {
  env: Env;
  engine: Engine;
  services: Services;
  /** The on-demand report the core is given; running jobs attach to it. */
  reports: OnDemandReports;
  /** Whether this process runs the scheduled work (set by the start-up path; undefined before). */
  leadership: { leading(): boolean | undefined };
  close(): Promise<void>;
}

/** A started chat adapter. */
export interface RunningAdapter {
  stop(): Promise<void>;
}

export interface AppOptions {
  logger: Logger;
  /** Tests inject a provider (and its clock); otherwise the env decides. */
  provider?: ProviderHandle;
  /** Language of channel posts when the policy names none (the terminal reader's, terminal-only). */
  channelLanguage?: Language;
}

const DAY_MS = 86_400_000;

export interface ProviderHandle {
  provider: HostingProvider;
  clock: Clock;
  sandbox?: SandboxControls;
  close?(): Promise<void>;
}

export async function createApp(env: Env, options: AppOptions): Promise<App> {
  const { logger } = options;
  const policy = loadPolicy(env.MAILBRAKE_CONFIG, env.MAILBRAKE_ADMINS);
  const store = await openStore(env, logger);
  const dataDir = dirname(env.MAILBRAKE_DATA_FILE);
  const hosting = options.provider ?? (await openProvider(env, dataDir, logger));
  const reports = new OnDemandReports(
    { provider: hosting.provider, store, clock: hosting.clock, logger },
    jobSettings(env),
  );
  const services: Services = {
    provider: hosting.provider,
    sandbox: hosting.sandbox,
    store,
    policy,
    clock: hosting.clock,
    settings: {
      timeZone: env.MAILBRAKE_TZ,
      confirmTtlMs: env.MAILBRAKE_CONFIRM_TTL_MINUTES * 60_000,
      channelLanguage: options.channelLanguage ?? env.MAILBRAKE_LOCALE,
    },
    notifier: new Notifier(logger.child({ component: "notifier" })),
    reports,
    logger,
  };
  const engine = new Engine(services);
  // Actions a killed process left executing are settled before anything else is done.
  await reconcile(services).catch((error: unknown) => logger.warn({ err: error }, "cannot reconcile interrupted actions"));
  return {
    env,
    engine,
    services,
    reports,
    leadership: { leading: () => undefined },
    async close() {
      engine.follower.stop();
      await hosting.close?.();
      await store.close();
    },
  };
}

/** PostgreSQL when DATABASE_URL is set (never a silent fall-back), else the embedded store. */
async function openStore(env: Env, logger: Logger): Promise<StorePort> {
  const audit = { maxRecords: env.MAILBRAKE_AUDIT_MAX_RECORDS, maxAgeMs: env.MAILBRAKE_AUDIT_MAX_DAYS * DAY_MS };
  if (!env.DATABASE_URL) return EmbeddedStore.open({ dataFile: env.MAILBRAKE_DATA_FILE, audit });
  const { openPgStore } = await import("./store/pg/open.ts");
  return openPgStore(env.DATABASE_URL, {
    audit,
    retry: { onRetry: (line, attempt) => logger.warn({ attempt }, `${line}: retrying`) },
  });
}

async function openProvider(env: Env, dataDir: string, logger: Logger): Promise<ProviderHandle> {
  if (usesOvh(env)) return (await import("./hosting/ovh/open.ts")).openOvh(env, logger);
  return openSandbox({ stateFile: join(dataDir, "sandbox.json"), seed: env.MAILBRAKE_SANDBOX_SEED });
}
