// The sandbox's options, with their defaults and checks.
import type { Clock } from "../../clock.ts";
import type { SandboxHostingSeed } from "./seeds.ts";
import { MINUTE } from "./time.ts";
import type { Delays } from "./world.ts";

export interface SandboxOptions {
  /** Time source (tests pass a ManualClock; the live bot an OffsetClock). */
  clock: Clock;
  /** Seed of the PRNG; default 42. Ignored when the state file exists (its PRNG state wins). */
  seed?: number;
  /** Initial hostings; default the three demo hostings. Ignored when the state file exists. */
  hostings?: readonly SandboxHostingSeed[];
  /** JSON state file; undefined keeps the sandbox in memory only. */
  stateFile?: string;
  /** Latency injected at the start of every port call; default 0. */
  latencyMs?: number;
  /** How long an UNBLOCK takes, [min, max] ms; default [60_000, 180_000]. */
  unblockDelayMs?: readonly [number, number];
  /** How long a PURGE takes, [min, max] ms; default [5 min, 10 min]. */
  purgeDurationMs?: readonly [number, number];
  /** Receives failures of the background tick started by `start()`; default ignores them. */
  onBackgroundError?: (error: unknown) => void;
}

export interface ResolvedOptions {
  seed: number;
  latencyMs: number;
  delays: Delays;
  onBackgroundError: (error: unknown) => void;
}

function range(name: string, value: readonly [number, number]): readonly [number, number] {
  const [min, max] = value;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min) {
    throw new Error(
      `Sandbox option ${name} must be [min, max] whole milliseconds, 0 <= min <= max`,
    );
  }
  return value;
}

export function resolveOptions(options: SandboxOptions): ResolvedOptions {
  const latencyMs = options.latencyMs ?? 0;
  if (!Number.isFinite(latencyMs) || latencyMs < 0) {
    throw new Error("Sandbox option latencyMs must be 0 or more");
  }
  return {
    seed: options.seed ?? 42,
    latencyMs,
    delays: {
      unblockDelayMs: range("unblockDelayMs", options.unblockDelayMs ?? [MINUTE, 3 * MINUTE]),
      purgeDurationMs: range(
        "purgeDurationMs",
        options.purgeDurationMs ?? [5 * MINUTE, 10 * MINUTE],
      ),
    },
    onBackgroundError: options.onBackgroundError ?? (() => {}),
  };
}
