// When a cron expression fires, judged on the app's clock (which the sandbox can move) in
// the configured time zone, using node-cron's own matcher so DST follows its rules.
import cron, { type ScheduledTask } from "node-cron";
import { ConfigError } from "../errors.ts";

const MINUTE = 60_000;
/** How far back a missed run is looked for (a daily or weekly report). */
const LOOKBACK_MS = 8 * 86_400_000;

export class CronTimes {
  private readonly task: ScheduledTask;

  constructor(
    readonly expression: string,
    readonly timeZone: string,
  ) {
    if (expression.trim().split(/\s+/).length !== 5 || !cron.validate(expression)) {
      throw new ConfigError(
        `MAILBRAKE_REPORT_CRON: "${expression}" is not a five-field cron expression such as "0 8 * * *"`,
      );
    }
    this.task = cron.createTask(expression, () => undefined, { timezone: timeZone });
  }

  /** The newest firing time at or before `ms` (within eight days). */
  lastAtOrBefore(ms: number): number | undefined {
    const newest = Math.floor(ms / MINUTE) * MINUTE;
    for (let t = newest; t > newest - LOOKBACK_MS; t -= MINUTE) if (this.task.match(new Date(t))) return t;
    return undefined;
  }

  dispose(): void {
    void this.task.destroy();
  }
}
