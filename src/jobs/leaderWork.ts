// The leader's work in a running bot: the scheduled jobs and the follower. With the embedded
// store (one process) they simply run. With PostgreSQL they run only on the replica holding
// the lease, through a store whose job writes are fenced by its term; they stop at once when
// the lease is lost, and `stop()` (SIGTERM) hands the lease over to the next replica.
import { randomText } from "../random.ts";
import { hostname } from "node:os";
import type { Services } from "../core/services.ts";
import type { StorePort } from "../store/port.ts";
import { startJobs } from "./index.ts";
import type { JobsHost } from "./jobs.ts";
import { Leadership } from "./leadership.ts";

export interface LeaderHost extends JobsHost {
  engine: JobsHost["engine"] & { follower: { start(): void; stop(): void } };
}

export interface LeaderWork {
  /** Whether this process runs the scheduled work now. */
  readonly leading: boolean;
  stop(): Promise<void>;
}

/** A store that can fence the leader's writes by its term (PostgreSQL). */
interface Fenceable {
  fencedBy(term: number): StorePort;
}
const fenceable = (store: StorePort): store is StorePort & Fenceable => "fencedBy" in store;

export interface LeaderWorkOptions {
  /** Started when this replica leads, stopped when it stops leading (Discord's one gateway session). */
  leaderAdapters?: (() => Promise<{ stop(): Promise<void> }>)[];
}

/** Leader adapters started this often within an hour start later and later (Discord caps identifies). */
const FREE_STARTS = 3;
const HOUR_MS = 3_600_000;

export async function startLeaderWork(app: LeaderHost, options: LeaderWorkOptions = {}): Promise<LeaderWork> {
  const { store } = app.services;
  if (!fenceable(store)) {
    app.engine.follower.start();
    const jobs = await startJobs(app);
    return {
      leading: true,
      stop: async () => {
        app.engine.follower.stop();
        await jobs.stop();
      },
    };
  }
  let jobs: { stop(): Promise<void> } | undefined;
  const adapters: { stop(): Promise<void> }[] = [];
  const starts: number[] = [];
  const logger = app.services.logger.child({ component: "leader" });
  const startAdapters = async () => {
    const factories = options.leaderAdapters ?? [];
    if (factories.length === 0) return;
    const now = Date.now();
    starts.push(now);
    while (starts[0]! < now - HOUR_MS) starts.shift();
    const extra = starts.length - FREE_STARTS;
    if (extra > 0) {
      const waitMs = Math.min(30_000 * 2 ** (extra - 1), 600_000);
      logger.warn({ waitMs, startsThisHour: starts.length }, "leadership changed often: the chat gateway starts later");
      await new Promise((resolve) => setTimeout(resolve, waitMs).unref());
    }
    for (const start of factories) {
      adapters.push(
        await start().catch((error: unknown) => {
          logger.error({ err: error }, "a leader's chat adapter could not start");
          return { stop: async () => undefined };
        }),
      );
    }
  };
  const leadership = new Leadership({
    lease: store.lease,
    holder: `${hostname()}/${process.pid}/${randomText(3, "hex")}`,
    logger,
    onGain: async (term) => {
      await startAdapters();
      const services: Services = { ...app.services, store: store.fencedBy(term) };
      app.engine.follower.start();
      jobs = await startJobs({ ...app, services });
    },
    onLose: async () => {
      app.engine.follower.stop();
      await jobs?.stop();
      jobs = undefined;
      await Promise.all(adapters.splice(0).map((a) => a.stop().catch(() => undefined)));
    },
  });
  await leadership.start();
  return {
    get leading() {
      return leadership.isLeader;
    },
    stop: () => leadership.stop(),
  };
}
