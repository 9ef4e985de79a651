// pino logs, in English, with every configured secret scrubbed from each line before it is
// written, whatever path it took into the log (an error message, a URL, a header). pino itself
// is loaded with the first line the level lets through: a one-shot command (silent) never
// loads it, the terminal chat (warnings only) when something goes wrong.
import { createRequire } from "node:module";
import type { DestinationStream, Logger } from "pino";

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
  let made: Logger | undefined;
  const make = (): Logger => {
    // pino is CommonJS: required synchronously, so the first line is written at once.
    const pino = createRequire(import.meta.url)("pino") as typeof import("pino").default;
    made ??= pino(
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
    return made;
  };
  return new DeferredLogger(options.level, make, []) as unknown as Logger;
}

const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
type Level = keyof typeof LEVELS;

/** The part of pino's Logger the product uses, making the pino logger on the first line written. */
class DeferredLogger {
  private real: Logger | undefined;
  private readonly threshold: number;

  constructor(
    readonly level: string,
    private readonly make: () => Logger,
    private readonly bindings: readonly object[],
  ) {
    this.threshold = level in LEVELS ? LEVELS[level as Level] : Number.POSITIVE_INFINITY;
  }

  isLevelEnabled(level: string): boolean {
    return level in LEVELS && LEVELS[level as Level] >= this.threshold;
  }

  child(bindings: object): DeferredLogger {
    return new DeferredLogger(this.level, this.make, [...this.bindings, bindings]);
  }

  trace = (...args: unknown[]) => this.write("trace", args);
  debug = (...args: unknown[]) => this.write("debug", args);
  info = (...args: unknown[]) => this.write("info", args);
  warn = (...args: unknown[]) => this.write("warn", args);
  error = (...args: unknown[]) => this.write("error", args);
  fatal = (...args: unknown[]) => this.write("fatal", args);

  private write(level: Level, args: unknown[]): void {
    if (LEVELS[level] < this.threshold) return;
    this.real ??= this.bindings.reduce<Logger>((logger, b) => logger.child(b), this.make());
    (this.real[level] as (...a: unknown[]) => void)(...args);
  }
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
