// The configuration surface: environment variables (optionally from .env) validated by
// one zod schema. Every bad variable is named; secrets are never echoed.
import * as z from "./zod.ts";
import { ConfigError } from "./errors.ts";
import { isPostgresUrl } from "./store/pg/url.ts";
import { LANGUAGES } from "./i18n/index.ts";

/** An empty variable counts as unset (common in container and .env files). */
const unsetIfEmpty = (value: unknown) => (value === "" ? undefined : value);
const text = () => z.string().check(z.trim(), z.minLength(1));
const optionalText = z.pipe(z.transform(unsetIfEmpty), z.optional(text()));

const positiveInt = (fallback: number) => z._default(z.coerce.number().check(z.int(), z.positive()), fallback);

export const envSchema = z
  .object({
    OVH_ENDPOINT: z._default(text(), "ovh-eu"),
    OVH_APPLICATION_KEY: optionalText,
    OVH_APPLICATION_SECRET: optionalText,
    OVH_CONSUMER_KEY: optionalText,
    OVH_CLIENT_ID: optionalText,
    OVH_CLIENT_SECRET: optionalText,
    OVH_TIMEOUT_MS: positiveInt(10_000),
    OVH_CONCURRENCY: positiveInt(8),
    OVH_RETRIES: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(10)), 2),
    /** Fair use: at most this many calls to the API in any minute (OVHcloud advises about 60 per consumer key). */
    OVH_CALLS_PER_MINUTE: positiveInt(60),
    SLACK_BOT_TOKEN: optionalText,
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText,
    SLACK_API_URL: z.optional(z.url()),
    MAILBRAKE_SLACK_COMMAND: z._default(
      z.string().check(z.regex(/^\/[a-z0-9_-]{1,31}$/, "a slash command such as /mail")),
      "/mail",
    ),
    PORT: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(65535)), 3000),
    DISCORD_TOKEN: optionalText,
    DISCORD_APPLICATION_ID: optionalText,
    DISCORD_GUILD_ID: optionalText,
    DISCORD_API_URL: z.optional(z.url()),
    MAILBRAKE_SLACK_CHANNEL: optionalText,
    MAILBRAKE_DISCORD_CHANNEL: optionalText,
    MAILBRAKE_DATA_FILE: z._default(text(), "./data/mailbrake.json"),
    /** PostgreSQL instead of the embedded store (several replicas share it). */
    DATABASE_URL: z.pipe(
      z.transform(unsetIfEmpty),
      z.optional(
        z.string().check(
          z.trim(),
          z.refine(isPostgresUrl, "a PostgreSQL URL such as postgres://user:password@host:5432/mailbrake"),
        ),
      ),
    ),
    MAILBRAKE_CONFIG: optionalText,
    MAILBRAKE_ADMINS: z.optional(
      z.string().check(
        z.trim(),
        z.regex(
          /^((console|slack|discord):[^,\s]+)(,(console|slack|discord):[^,\s]+)*$/,
          "a comma-separated list such as slack:U0123,discord:4567",
        ),
      ),
    ),
    LOG_LEVEL: z._default(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]), "info"),
    MAILBRAKE_REPORT_CRON: z._default(text(), "0 8 * * *"),
    MAILBRAKE_TZ: z._default(z.string().check(z.trim()), "UTC").check(z.refine(isTimeZone, "an IANA time zone such as Europe/Paris")),
    MAILBRAKE_LOCALE: z._default(z.enum(LANGUAGES), "en"),
    MAILBRAKE_CONFIRM_TTL_MINUTES: positiveInt(5),
    MAILBRAKE_AUDIT_MAX_RECORDS: positiveInt(100_000),
    MAILBRAKE_AUDIT_MAX_DAYS: positiveInt(365),
    MAILBRAKE_SANDBOX_SEED: z._default(z.coerce.number().check(z.int()), 42),
    MAILBRAKE_COLLECT_MINUTES: positiveInt(10),
    MAILBRAKE_WATCH_MINUTES: positiveInt(5),
    MAILBRAKE_ERROR_RETENTION_DAYS: positiveInt(14),
    MAILBRAKE_HOLD_WARN_HOURS: z._default(
      z.string().check(
        z.trim(),
        z.regex(/^\d+(\.\d+)?(,\d+(\.\d+)?)*$/, "hours before the 72-hour hold ends, such as 24,6,1"),
        z.refine((v) => v.split(",").every((h) => Number(h) > 0 && Number(h) < 72), "each between 0 and 72 hours, such as 24,6,1"),
      ),
      "24,6,1",
    ),
    MAILBRAKE_SPIKE_FACTOR: z._default(z.coerce.number().check(z.positive()), 5),
    MAILBRAKE_SPIKE_MIN_MAILS: positiveInt(100),
    MAILBRAKE_SPIKE_DAILY_SHARE: z._default(z.coerce.number().check(z.positive(), z.maximum(1)), 0.8),
  })
  .check(
    z.superRefine((env, ctx) => {
      if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
        ctx.addIssue({
          code: "custom",
          path: ["SLACK_SIGNING_SECRET"],
          message: "set SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)",
        });
      }
      if (env.DISCORD_TOKEN && !env.DISCORD_APPLICATION_ID) {
        ctx.addIssue({
          code: "custom",
          path: ["DISCORD_APPLICATION_ID"],
          message: "required with DISCORD_TOKEN",
        });
      }
      if (Boolean(env.OVH_CLIENT_ID) !== Boolean(env.OVH_CLIENT_SECRET)) {
        ctx.addIssue({
          code: "custom",
          path: [env.OVH_CLIENT_ID ? "OVH_CLIENT_SECRET" : "OVH_CLIENT_ID"],
          message: "set both OVH_CLIENT_ID and OVH_CLIENT_SECRET (OAuth2 service account)",
        });
      }
      const ovhKeys = [env.OVH_APPLICATION_KEY, env.OVH_APPLICATION_SECRET, env.OVH_CONSUMER_KEY];
      if (ovhKeys.some(Boolean) && !ovhKeys.every(Boolean)) {
        ctx.addIssue({
          code: "custom",
          path: ["OVH_APPLICATION_KEY"],
          message: "set all three of OVH_APPLICATION_KEY, OVH_APPLICATION_SECRET, OVH_CONSUMER_KEY",
        });
      }
    }),
  );

export type Env = z.infer<typeof envSchema>;

function isTimeZone(zone: string): boolean {
  // The default needs no check: the first Intl.DateTimeFormat costs a one-shot command ~20 ms.
  if (zone === "UTC") return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Parses the environment; throws a ConfigError listing every bad variable (values never shown). */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Parsed once a start: compiling zod's fast path for it (~3 ms) would cost more than it saves.
  const result = envSchema.safeParse(source, { jitless: true });
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
}

export const usesOvh = (env: Env): boolean =>
  Boolean(env.OVH_APPLICATION_KEY || (env.OVH_CLIENT_ID && env.OVH_CLIENT_SECRET));
export const usesSlack = (env: Env): boolean => Boolean(env.SLACK_BOT_TOKEN);
export const usesDiscord = (env: Env): boolean => Boolean(env.DISCORD_TOKEN);
