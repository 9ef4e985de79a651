// Bolt and its clients log through this bridge into pino (component "slack-bolt"). Bolt's
// debug output can include request bodies, so it goes to pino's trace level.
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "pino";

export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: "slack-bolt" });
  const line = (parts: unknown[]) => parts.map((p) => (typeof p === "string" ? p : safeJson(p))).join(" ");
  return {
    debug: (...msg: unknown[]) => log.trace(line(msg)),
    info: (...msg: unknown[]) => log.info(line(msg)),
    warn: (...msg: unknown[]) => log.warn(line(msg)),
    error: (...msg: unknown[]) => log.error(line(msg)),
    // pino's level (LOG_LEVEL) decides; Bolt's own setting is ignored.
    setLevel: () => undefined,
    getLevel: () => LogLevel.DEBUG,
    setName: () => undefined,
  };
}

function safeJson(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
