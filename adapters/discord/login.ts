// Logging in at start-up. A refused token is a configuration error (start-up stops for good);
// anything else (Discord unreachable, 5xx, no READY) is retried a few times with a fresh client,
// so a network blip does not look like a bad token to a supervisor.
import { type Client, DiscordAPIError, DiscordjsError, DiscordjsErrorCodes, Events, HTTPError } from "discord.js";
import type { Logger } from "pino";
import { ConfigError } from "../../src/errors.ts";
import { safeError } from "./safeError.ts";

/** Waits between login attempts when Discord could not be reached. */
export const LOGIN_RETRY_DELAYS_MS: readonly number[] = [1_000, 3_000, 9_000];

export interface LoginOptions {
  readyTimeoutMs?: number;
  /** Waits between attempts; one more attempt than waits. */
  loginRetryDelaysMs?: readonly number[];
  /** Tests: record the waits instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A logged-in, ready client made by `build` (a new one per attempt; failed ones are destroyed). */
export async function logIn(
  build: () => Client,
  token: string,
  options: LoginOptions,
  logger: Logger,
): Promise<Client> {
  const delays = options.loginRetryDelaysMs ?? LOGIN_RETRY_DELAYS_MS;
  const sleep = options.sleep ?? sleepFor;
  for (let attempt = 0; ; attempt++) {
    const client = build();
    try {
      await loginOnce(client, token, options.readyTimeoutMs ?? 30_000);
      return client;
    } catch (error) {
      await client.destroy();
      const err = safeError(error);
      if (tokenRefused(error)) {
        logger.error({ err }, "Discord login failed: check DISCORD_TOKEN (and DISCORD_API_URL if set)");
        throw new ConfigError("DISCORD_TOKEN: login to Discord failed");
      }
      const waitMs = delays[attempt];
      if (waitMs === undefined) {
        logger.error({ err, attempts: attempt + 1 }, "Discord could not be reached; giving up");
        throw new Error(
          `Discord could not be reached at start-up (${attempt + 1} attempts, last: ${err.message}); the token was not refused`,
        );
      }
      logger.warn({ err, attempt: attempt + 1, waitMs }, "Discord login failed; retrying");
      await sleep(waitMs);
    }
  }
}

async function loginOnce(client: Client, token: string, readyTimeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error("Discord gateway: no READY in time")), readyTimeoutMs);
    client.once(Events.ClientReady, () => resolve());
  });
  ready.catch(() => undefined);
  try {
    await client.login(token);
    await ready;
  } finally {
    clearTimeout(timer);
  }
}

/** Discord itself said no to the token (401), as opposed to not answering. */
export function tokenRefused(error: unknown): boolean {
  if (error instanceof DiscordjsError) return error.code === DiscordjsErrorCodes.TokenInvalid;
  return (error instanceof DiscordAPIError || error instanceof HTTPError) && error.status === 401;
}
