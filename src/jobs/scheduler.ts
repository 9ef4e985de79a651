// node-cron wiring: each job runs on its expression without overlapping itself (or the other
// jobs of its lane); a failing run is logged, never thrown into the timer.
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "pino";

export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly busy = new Set<string>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Jobs added with the same `lane` never run at the same time (a busy lane skips the run). */
  add(name: string, expression: string, timeZone: string, run: () => Promise<void>, lane = name): void {
    const task = cron.schedule(expression, () => this.runOnce(lane, run), {
      name: `mailbrake-${name}`,
      timezone: timeZone,
      noOverlap: true,
      unref: true,
    });
    this.tasks.push(task);
  }

  /** Runs `run` unless a run of the same job is still going; resolves when done. */
  async runOnce(name: string, run: () => Promise<void>): Promise<void> {
    if (this.busy.has(name)) {
      this.logger.debug({ job: name }, "previous run still going: skipped");
      return;
    }
    this.busy.add(name);
    const done = run()
      .catch((error: unknown) => this.logger.error({ err: error, job: name }, "job run failed"))
      .finally(() => {
        this.busy.delete(name);
        this.running.delete(done);
      });
    this.running.add(done);
    await done;
  }

  /** Stops the timers and waits for runs in progress, so nothing writes after it resolves. */
  async stop(): Promise<void> {
    await Promise.all(this.tasks.splice(0).map((task) => task.destroy()));
    await Promise.all([...this.running]);
  }
}
