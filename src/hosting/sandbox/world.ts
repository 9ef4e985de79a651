// The simulated world: all hostings, the PRNG and the simulation clock, with lazy
// catch-up to "now" in one-minute steps.
import { HostingError } from "../port.ts";
import { isValidEmail } from "./email-address.ts";
import { synthesizeHistory } from "./history.ts";
import { rollDay } from "./ledger.ts";
import type { MachineContext } from "./machine.ts";
import { Rng } from "./rng.ts";
import {
  type HostingRecord,
  type SandboxState,
  STATE_VERSION,
  trafficProfileSchema,
  VOLUME_DAYS,
} from "./schema.ts";
import type { SandboxHostingSeed } from "./seeds.ts";
import { nextSettle, settle, stepMinute } from "./simulate.ts";
import { DAY, floorToMinute, MINUTE, startOfUtcDay } from "./time.ts";

/** Catching up further than this skips the older time (no traffic, no volumes then) to stay fast. */
export const MAX_CATCH_UP_MS = 14 * DAY;

export interface Delays {
  unblockDelayMs: readonly [number, number];
  purgeDurationMs: readonly [number, number];
}

export class World {
  readonly rng: Rng;
  readonly ctx: MachineContext;
  private readonly byName = new Map<string, HostingRecord>();
  /** Until then no hosting can settle (see catchUp), unless one is touched. */
  private quietUntil = -Infinity;

  constructor(
    readonly state: SandboxState,
    delays: Delays,
  ) {
    this.rng = new Rng(state.rngState);
    for (const record of state.hostings) this.byName.set(record.name, record);
    // Nothing can settle before then (nextSettle's contract): a read of a state just loaded,
    // within the minute it was saved, needs no catch-up.
    this.quietUntil = Math.min(...state.hostings.map(nextSettle));
    this.ctx = {
      rng: this.rng,
      ...delays,
      newTask: () => `task-${state.nextTask++}`,
    };
  }

  static create(seeds: readonly SandboxHostingSeed[], seed: number, now: number, delays: Delays) {
    const state: SandboxState = {
      version: STATE_VERSION,
      rngState: seed,
      simulatedUntil: floorToMinute(now),
      clockOffset: null,
      nextTask: 1,
      hostings: [],
    };
    const world = new World(state, delays);
    for (const hosting of seeds) world.add(hosting);
    return world;
  }

  /** The state with the PRNG's current position, ready to persist. */
  snapshot(): SandboxState {
    this.state.rngState = this.rng.state;
    return this.state;
  }

  names(): string[] {
    return this.state.hostings.map((record) => record.name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  find(name: string): HostingRecord {
    const record = this.byName.get(name);
    if (!record) {
      throw new HostingError("not_found", `Unknown hosting ${JSON.stringify(name)}`, {
        hosting: name,
      });
    }
    return record;
  }

  /** Adds a hosting as of the simulation's current instant. */
  add(seed: SandboxHostingSeed): HostingRecord {
    validateSeed(seed);
    if (this.byName.has(seed.name)) throw new Error(`Duplicate sandbox hosting ${seed.name}`);
    const now = this.state.simulatedUntil;
    const record: HostingRecord = {
      name: seed.name,
      profile: structuredClone(seed.profile),
      state: seed.state ?? "ok",
      maxPerDay: seed.maxPerDay,
      sent: 0,
      bounce: 0,
      sentToday: 0,
      day: "",
      reportRecipient: seed.reportRecipient ?? `postmaster@${seed.name}`,
      held: [],
      recent: [],
      errors: [],
      volumes: [],
      pending: null,
    };
    const history = seed.historyDays ?? 0;
    if (history > 0) {
      synthesizeHistory(record, this.rng, startOfUtcDay(now), history);
      // Today so far is simulated for real, minute by minute.
      for (let t = startOfUtcDay(now); t < now; t += MINUTE) stepMinute(record, t, this.rng);
    }
    rollDay(record, now);
    this.state.hostings.push(record);
    this.byName.set(record.name, record);
    this.touched();
    return record;
  }

  /** Whether `catchUp(now)` has anything to do (a minute to simulate, a hosting that may settle). */
  due(now: number): boolean {
    return floorToMinute(now) > this.state.simulatedUntil || now >= this.quietUntil;
  }

  /** Simulates up to `now`; returns whether the state changed. */
  catchUp(now: number): boolean {
    const target = floorToMinute(now);
    let t = Math.max(this.state.simulatedUntil, target - MAX_CATCH_UP_MS);
    let changed = t < target;
    // Within a minute already simulated, settling every hosting on every call made one
    // `status all` cost O(hostings²): skip it while nothing can fall due.
    if (!changed && now < this.quietUntil) return false;
    for (; t < target; t += MINUTE) {
      for (const record of this.state.hostings) stepMinute(record, t, this.rng);
    }
    this.state.simulatedUntil = Math.max(this.state.simulatedUntil, target);
    let quietUntil = Infinity;
    for (const record of this.state.hostings) {
      changed = settle(record, now, this.rng) || changed;
      quietUntil = Math.min(quietUntil, nextSettle(record));
    }
    this.quietUntil = quietUntil;
    return changed;
  }

  /** Something was done to a hosting (an action, mail, a new hosting): settle at the next catch-up. */
  touched(): void {
    this.quietUntil = -Infinity;
  }
}

function validateSeed(seed: SandboxHostingSeed): void {
  const profile = trafficProfileSchema.safeParse(seed.profile);
  const problem =
    seed.name.trim() === ""
      ? "an empty name"
      : !profile.success
        ? `an invalid traffic profile (${profile.error.issues[0]?.message})`
        : !Number.isInteger(seed.maxPerDay) || seed.maxPerDay < 0
          ? "maxPerDay must be a non-negative integer"
          : seed.reportRecipient !== undefined && !isValidEmail(seed.reportRecipient)
            ? `an invalid report recipient ${seed.reportRecipient}`
            : (seed.historyDays ?? 0) >= VOLUME_DAYS
              ? `historyDays must be below ${VOLUME_DAYS}`
              : null;
  if (problem) throw new Error(`Sandbox hosting ${JSON.stringify(seed.name)}: ${problem}`);
}
