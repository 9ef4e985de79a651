// pino logs, in English, with every configured secret scrubbed from each line before it is
// written, whatever path it took into the log (an error message, a URL, a header).
import pino, { type DestinationStream, type Logger } from "pino";

export function scrubber(secrets: readonly string[]): (line: string) => string {
  const kept = secrets.filter((s) => s.length >= 6);
  if (kept.length === 0) return (line) => line;
  const escaped = kept.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(escaped.join("|"), "g");
  return (line) => line.replace(pattern, "[redacted]");
}

export function createLogger(options: {
  level: string;
  secrets: readonly string[];
  destination?: { write(line: string): unknown };
}): Logger {
  const scrub = scrubber(options.secrets);
  const out = options.destination ?? process.stderr;
  const stream: DestinationStream = { write: (line: string) => void out.write(scrub(line)) };
  return pino(
    {
      level: options.level,
      base: { app: "mailbrake" },
      redact: {
        paths: ["token", "*.token", "headers.authorization", "*.headers.authorization", "secret"],
        censor: "[redacted]",
      },
    },
    stream,
  );
}

/** The values in the environment that must never be shown. */
export function secretsOf(env: Record<string, string | undefined>): string[] {
  const names = [
    "OVH_APPLICATION_SECRET",
    "OVH_CONSUMER_KEY",
    "OVH_CLIENT_SECRET",
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "DISCORD_TOKEN",
  ];
  return names.map((n) => env[n]).filter((v): v is string => Boolean(v));
}
