// The embedded hosting sandbox: an in-process HostingProvider following DOMAIN.md's
// transition table, plus sandbox-only controls (spam drill, time travel, load generation).
import { setTimeout as sleep } from "node:timers/promises";
import { type Clock, ManualClock, OffsetClock } from "../../clock.ts";
import {
  type Bounce,
  HostingError,
  type HostingMail,
  type HostingProvider,
  MAIL_ACTIONS,
  MAX_BOUNCES_PER_CALL,
  type MailAction,
  type MailState,
  type Volume,
} from "../port.ts";
import { isValidEmail } from "./email-address.ts";
import { heldCount } from "./ledger.ts";
import { applyAction, spamDrill } from "./machine.ts";
import { resolveOptions, type SandboxOptions } from "./options.ts";
import type { SandboxState } from "./schema.ts";
import { DEMO_HOSTINGS, generatedSeed } from "./seeds.ts";
import { submitMail } from "./simulate.ts";
import { StateFile } from "./state-file.ts";
import { publishedBounce, publishedVolume } from "./published.ts";
import { World } from "./world.ts";

/** What the sandbox knows about a hosting beyond the port (for `doctor`, demos, tests). */
export interface SandboxHostingView {
  name: string;
  state: MailState;
  /** Mails held while sending is stopped. */
  held: number;
  /** ISO date of the oldest held mail (discarded when it reaches 72 h). */
  oldestHeldAt: string | null;
  /** A transition that completes later: UNBLOCK (to ok/force) or PURGE (to ok). */
  pending: { kind: "release" | "purge"; to: MailState; at: string; task: string } | null;
}

export class Sandbox implements HostingProvider {
  readonly kind = "sandbox";
  private timer: NodeJS.Timeout | null = null;
  private dirty = false;

  private constructor(
    private world: World,
    private readonly clock: Clock,
    private readonly file: StateFile | null,
    private readonly latencyMs: number,
    private readonly onBackgroundError: (error: unknown) => void,
    private readonly delays: ConstructorParameters<typeof World>[1],
  ) {}

  /** Opens the sandbox: from `stateFile` when it exists (restoring an OffsetClock's offset), else fresh. */
  static async open(options: SandboxOptions): Promise<Sandbox> {
    const resolved = resolveOptions(options);
    const { clock, stateFile } = options;
    const file = stateFile ? new StateFile(stateFile) : null;
    const saved = file ? await file.read() : null;
    if (
      saved?.clockOffset != null &&
      clock instanceof OffsetClock &&
      clock.offset < saved.clockOffset
    ) {
      clock.advance(saved.clockOffset - clock.offset);
    }
    const world = saved
      ? new World(saved, resolved.delays)
      : World.create(
          options.hostings ?? DEMO_HOSTINGS,
          resolved.seed,
          clock.now(),
          resolved.delays,
        );
    const sandbox = new Sandbox(world, clock, file, resolved.latencyMs, resolved.onBackgroundError, resolved.delays);
    // A fresh sandbox is written at once, unless another process wrote one meanwhile.
    if (!saved) {
      await sandbox.run(() => {
        sandbox.dirty = true;
      });
    }
    return sandbox;
  }

  /** Simulates and persists every `intervalMs` in the background (the live bot). */
  start(intervalMs = 30_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.run(() => undefined).catch(this.onBackgroundError);
    }, intervalMs);
    this.timer.unref();
  }

  // --- HostingProvider -------------------------------------------------------------

  listHostings(): Promise<string[]> {
    return this.port(() => this.world.names(), "read");
  }

  getMail(hosting: string): Promise<HostingMail> {
    return this.port(() => {
      const record = this.world.find(hosting);
      const { state, sentToday, maxPerDay, sent, bounce, reportRecipient } = record;
      return { state, sentToday, maxPerDay, sent, bounce, reportRecipient };
    }, "read");
  }

  requestAction(hosting: string, action: MailAction): Promise<string> {
    return this.port(() => {
      const record = this.world.find(hosting);
      if (!MAIL_ACTIONS.includes(action)) {
        throw new HostingError("invalid", `Unknown action ${JSON.stringify(action)}`, { hosting });
      }
      const task = applyAction(record, action, this.clock.now(), this.world.ctx);
      this.dirty = true;
      return task;
    });
  }

  setReportRecipient(hosting: string, email: string): Promise<void> {
    return this.port(() => {
      const record = this.world.find(hosting);
      if (!isValidEmail(email)) {
        throw new HostingError("invalid", `Invalid e-mail address ${JSON.stringify(email)}`, {
          hosting,
        });
      }
      record.reportRecipient = email;
      this.dirty = true;
    });
  }

  bounces(hosting: string, limit: number): Promise<Bounce[]> {
    return this.port(() => {
      const record = this.world.find(hosting);
      if (!Number.isFinite(limit)) {
        throw new HostingError("invalid", `Invalid bounce limit ${limit}`, { hosting });
      }
      const count = Math.max(0, Math.min(Math.floor(limit), MAX_BOUNCES_PER_CALL));
      if (count === 0) return [];
      return record.errors
        .slice(-count)
        .reverse()
        .map(publishedBounce);
    }, "read");
  }

  volumes(hosting: string): Promise<Volume[]> {
    return this.port(
      () =>
        this.world
          .find(hosting)
          .volumes.map(publishedVolume)
          .reverse(),
      "read",
    );
  }

  // --- Sandbox-only controls (no injected latency) --------------------------------

  /** A burst of spam-like traffic with many bounces, then the provider stops sending (spam). */
  spamDrill(hosting: string): Promise<void> {
    return this.run(() => {
      spamDrill(this.world.find(hosting), this.clock.now(), this.world.rng);
      this.dirty = true;
    });
  }

  /** The site's scripts send `count` mails now: delivered, held, or dropped while purging. */
  sendMails(hosting: string, count: number): Promise<void> {
    return this.run(() => {
      const record = this.world.find(hosting);
      if (!Number.isInteger(count) || count < 0) {
        throw new HostingError("invalid", `Invalid mail count ${count}`, { hosting });
      }
      submitMail(record, this.clock.now(), count, this.world.rng);
      this.dirty = true;
    });
  }

  /** Moves the clock `ms` forward (ManualClock or OffsetClock) and simulates up to it. */
  advance(ms: number): Promise<void> {
    return this.run(() => {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new HostingError("invalid", `Invalid duration ${ms} ms: it must be 0 or more`);
      }
      if (!(this.clock instanceof ManualClock || this.clock instanceof OffsetClock)) {
        throw new Error("The sandbox's clock cannot be moved: use a ManualClock or an OffsetClock");
      }
      this.clock.advance(ms);
      this.dirty = true;
      if (this.world.catchUp(this.clock.now())) this.dirty = true;
    });
  }

  /** Adds `count` generated small sites (benchmarks); returns their names. */
  addHostings(count: number): Promise<string[]> {
    return this.run(() => {
      if (!Number.isInteger(count) || count < 0) {
        throw new HostingError("invalid", `Invalid hosting count ${count}`);
      }
      const names: string[] = [];
      let index = this.world.names().length;
      while (names.length < count) {
        const seed = generatedSeed(this.world.rng, ++index);
        if (this.world.has(seed.name)) continue;
        names.push(this.world.add(seed).name);
      }
      this.dirty = true;
      return names;
    });
  }

  inspect(hosting: string): Promise<SandboxHostingView> {
    return this.read(() => {
      const record = this.world.find(hosting);
      const oldest = record.held[0];
      const pending = record.pending;
      return {
        name: record.name,
        state: record.state,
        held: heldCount(record),
        oldestHeldAt: oldest ? new Date(oldest.at).toISOString() : null,
        pending: pending && {
          kind: pending.kind,
          to: pending.kind === "release" ? pending.to : "ok",
          at: new Date(pending.at).toISOString(),
          task: pending.task,
        },
      };
    });
  }

  /** A deep copy of the whole state, as it would be persisted (not caught up). */
  snapshot(): SandboxState {
    return structuredClone(this.stamped());
  }

  /** Persists now. */
  async flush(): Promise<void> {
    await this.run(() => {
      this.dirty = true;
    });
  }

  /** Stops the background timer and persists what changed. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.read(() => undefined);
  }

  // --- internals ------------------------------------------------------------------

  private stamped(): SandboxState {
    const state = this.world.snapshot();
    state.clockOffset = this.clock instanceof OffsetClock ? this.clock.offset : null;
    return state;
  }

  private async port<T>(work: () => T, kind: "read" | "change" = "change"): Promise<T> {
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    return kind === "read" ? this.read(work) : this.run(work);
  }

  /**
   * `work` only looks: without taking the folder's lock while the simulation has nothing to
   * catch up, on the state another process saved if it did; else as `run`, which may change the
   * state.
   */
  private async read<T>(work: () => T): Promise<T> {
    const file = this.file;
    if (!file) return this.run(work);
    const answered = await file.reading(async () => {
      const fresh = await file.readIfChanged();
      if (fresh) this.adopt(fresh);
      if (this.dirty || this.world.due(this.clock.now())) return undefined;
      return { value: work() };
    });
    return answered ? answered.value : this.run(work);
  }

  /**
   * Catches the simulation up to now, does `work`, persists if anything changed. With a state
   * file this runs under the data folder's lock, on the state another process may have written.
   */
  private async run<T>(work: () => T): Promise<T> {
    const file = this.file;
    if (!file) {
      try {
        return this.step(work);
      } finally {
        this.takeChanges();
      }
    }
    return file.locked(async () => {
      const fresh = await file.readIfChanged();
      if (fresh) this.adopt(fresh);
      try {
        return this.step(work);
      } finally {
        if (this.takeChanges()) await file.write(this.stamped());
      }
    });
  }

  /** After a step: whether it changed the state (then to be saved). */
  private takeChanges(): boolean {
    if (!this.dirty) return false;
    this.dirty = false;
    // What changed the state may have made something fall due sooner.
    this.world.touched();
    return true;
  }

  private step<T>(work: () => T): T {
    if (this.world.catchUp(this.clock.now())) this.dirty = true;
    return work();
  }

  /** Takes the state another process saved (and its clock, if it was moved further). */
  private adopt(saved: SandboxState): void {
    this.world = new World(saved, this.delays);
    if (saved.clockOffset != null && this.clock instanceof OffsetClock && this.clock.offset < saved.clockOffset) {
      this.clock.advance(saved.clockOffset - this.clock.offset);
    }
  }
}
