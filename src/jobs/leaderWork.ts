// The leader's work in a running bot: the scheduled jobs and the follower. With the embedded
// store (one process) they simply run. With PostgreSQL they run only on the replica holding
// the lease, through a store whose job writes are fenced by its term; they stop at once when
// the lease is lost, and `stop()` (SIGTERM) hands the lease over to the next replica.
import { randomBytes } from "node:crypto";
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

export async function startLeaderWork(app: LeaderHost): Promise<LeaderWork> {
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
  const leadership = new Leadership({
    lease: store.lease,
    holder: `${hostname()}/${process.pid}/${randomBytes(3).toString("hex")}`,
    logger: app.services.logger.child({ component: "leader" }),
    onGain: async (term) => {
      const services: Services = { ...app.services, store: store.fencedBy(term) };
      app.engine.follower.start();
      jobs = await startJobs({ ...app, services });
    },
    onLose: async () => {
      app.engine.follower.stop();
      await jobs?.stop();
      jobs = undefined;
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
