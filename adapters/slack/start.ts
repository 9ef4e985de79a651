// The Slack adapter: Bolt over HTTP (SLACK_SIGNING_SECRET, endpoint /slack/events on PORT) or
// Socket Mode (SLACK_APP_TOKEN), a Slack channel sink for the notifier, and /healthz.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App as BoltApp, type webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { App, RunningAdapter } from "../../src/app.ts";
import { ConfigError } from "../../src/errors.ts";
import { nodeFetch } from "../../src/nodeFetch.ts";
import { boltLogger } from "./boltLogger.ts";
import { healthRoute, type SlackHealth } from "./health.ts";
import { registerListeners } from "./listeners.ts";
import { DeliveryLog } from "./once.ts";
import { SlackPeople } from "./people.ts";
import { SlackSink } from "./sink.ts";

/** Production: a few quick retries of failed Web API calls, never Slack's 30-minute default. */
export const RETRY = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4_000, maxRetryTime: 10_000 };

export interface SlackStartOptions {
  /** Wait for the listener before answering HTTP (tests: deterministic). Production: false. */
  processBeforeResponse?: boolean;
  /** Web API retry policy (tests: `{ retries: 0 }`). */
  retryConfig?: webApi.RetryOptions;
  /** Listen address of the HTTP receiver; defaults to PORT on all interfaces. */
  host?: string;
  port?: number;
  /** Waits between rate-limited channel posts and start-up retries (tests: a recorder). */
  sleep?: (ms: number) => Promise<void>;
  /** Waits between auth.test attempts when Slack cannot be reached; one more attempt than waits. */
  startRetryDelaysMs?: readonly number[];
  /** Defaults to the app's logger. */
  logger?: Logger;
}

export interface RunningSlack extends RunningAdapter {
  mode: "http" | "socket";
  /** The HTTP port (HTTP mode). */
  port?: number;
  sink: SlackSink;
  health(): SlackHealth;
}

export function start(app: App): Promise<RunningAdapter> {
  return startSlack(app);
}

export async function startSlack(app: App, options: SlackStartOptions = {}): Promise<RunningSlack> {
  const { env, engine, services } = app;
  const logger = (options.logger ?? services.logger).child({ component: "slack" });
  const token = env.SLACK_BOT_TOKEN;
  if (!token) throw new ConfigError("SLACK_BOT_TOKEN: required for the Slack adapter");
  const mode = env.SLACK_APP_TOKEN ? "socket" : "http";
  const bridge = boltLogger(logger);
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: apiUrl(env.SLACK_API_URL),
    retryConfig: options.retryConfig ?? RETRY,
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger: bridge,
    fetch: nodeFetch,
  };
  const auth = await verifyToken(token, clientOptions, {
    delaysMs: options.startRetryDelaysMs ?? START_RETRY_DELAYS_MS,
    sleep: options.sleep ?? sleepFor,
    logger,
  });
  const health: SlackHealth = { mode, connected: mode === "http", since: Date.now() };

  const bolt = new BoltApp({
    token,
    botId: auth.botId,
    botUserId: auth.userId,
    logger: bridge,
    clientOptions,
    processBeforeResponse: options.processBeforeResponse ?? false,
    // Bolt's conversation store (context.conversation) is not used: no per-event lookup.
    convoStore: false,
    ...(mode === "socket"
      ? { socketMode: true, appToken: env.SLACK_APP_TOKEN, installerOptions: { clientOptions } }
      : { signingSecret: env.SLACK_SIGNING_SECRET, customRoutes: [healthRoute(() => health, () => ({ store: app.services.store.kind, leader: app.leadership.leading() }))] }),
  });
  bolt.error(async (error) => {
    logger.error({ err: { name: error.name, code: error.code, message: error.message } }, "slack listener failed");
  });
  registerListeners(bolt, {
    engine,
    people: new SlackPeople(bolt.client, { policy: services.policy, fallbackLanguage: env.MAILBRAKE_LOCALE, logger }),
    deliveries: new DeliveryLog(undefined, undefined, sharedDedupe(app)),
    logger,
    command: env.MAILBRAKE_SLACK_COMMAND,
  });

  const sink = new SlackSink(bolt.client, {
    channel: env.MAILBRAKE_SLACK_CHANNEL,
    policy: services.policy,
    logger,
    sleep: options.sleep,
  });
  services.notifier.add(sink);
  if (!env.MAILBRAKE_SLACK_CHANNEL && !services.policy.channels.slack) {
    logger.warn("MAILBRAKE_SLACK_CHANNEL is not set: announcements go only to the channel where a command was typed");
  }

  let port: number | undefined;
  if (mode === "http") {
    const listen = { port: options.port ?? env.PORT, ...(options.host ? { host: options.host } : {}) };
    const server = (await bolt.start(listen)) as Server;
    port = (server.address() as AddressInfo).port;
    logger.info({ mode, port, endpoint: "/slack/events", team: auth.team }, "slack adapter listening");
  } else {
    watchSocket(bolt, health, logger);
    await bolt.start();
    logger.info({ mode, team: auth.team }, "slack adapter connected over socket mode");
  }

  return {
    mode,
    port,
    sink,
    health: () => ({ ...health }),
    async stop() {
      await bolt.stop();
      logger.info({ mode }, "slack adapter stopped");
    },
  };
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The WebClient wants a trailing slash on its base URL. */
export const apiUrl = (url: string | undefined) => (url ? (url.endsWith("/") ? url : `${url}/`) : undefined);

/** auth.test answers meaning the token itself is refused: start-up stops for good. */
const TOKEN_REFUSED = new Set(["invalid_auth", "not_authed", "account_inactive", "token_revoked"]);
/** Waits between auth.test attempts when Slack could not be reached (a blip, not a bad token). */
const START_RETRY_DELAYS_MS: readonly number[] = [1_000, 3_000, 9_000];

interface VerifyRetry {
  delaysMs: readonly number[];
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
}

async function verifyToken(token: string, clientOptions: webApi.WebClientOptions, retry: VerifyRetry) {
  const { WebClient } = (await import("@slack/bolt")).webApi;
  const client = new WebClient(token, clientOptions);
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await client.auth.test();
      return { botId: answer.bot_id, userId: answer.user_id, team: answer.team };
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      if (code && TOKEN_REFUSED.has(code)) {
        throw new ConfigError(`SLACK_BOT_TOKEN: Slack did not accept the bot token (auth.test: ${code})`);
      }
      const reason = code ?? (error as Error).message;
      const waitMs = retry.delaysMs[attempt];
      if (waitMs === undefined) {
        throw new Error(`Slack could not be reached at start-up (${attempt + 1} attempts, last: ${reason}); the bot token was not refused`);
      }
      retry.logger.warn({ attempt: attempt + 1, waitMs, reason }, "slack auth.test failed; retrying");
      await retry.sleep(waitMs);
    }
  }
}

/** Socket Mode has no HTTP endpoint to probe: connection changes become health log lines. */
function watchSocket(bolt: BoltApp, health: SlackHealth, logger: Logger): void {
  const receiver = (bolt as unknown as { receiver?: { client?: NodeJS.EventEmitter } }).receiver;
  const client = receiver?.client;
  if (!client) return;
  const set = (connected: boolean, state: string) => {
    health.connected = connected;
    health.since = Date.now();
    logger.info({ health: state, mode: "socket" }, connected ? "slack health: connected" : "slack health: not connected");
  };
  client.on("connected", () => set(true, "connected"));
  client.on("disconnected", () => set(false, "disconnected"));
  client.on("reconnecting", () => set(false, "reconnecting"));
}

/** With a shared database, a redelivery reaching another replica is recognised there too. */
function sharedDedupe(app: App): ((key: string, now: number, ttlMs: number) => Promise<boolean>) | undefined {
  const { store } = app.services;
  if (store.kind !== "postgres") return undefined;
  return (key, now, ttlMs) => store.dedupe.claim(key, now, ttlMs);
}
