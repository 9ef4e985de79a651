// One job's own state (cursors, open alerts), kept in the store under the job's name and read
// through the job's zod schema. Only the running bot's jobs (the leader's) write it: the state
// is loaded once, changed in memory during a run, and written back at the job's save points.
import type * as z from "../zod.ts";
import type { StorePort } from "../store/port.ts";

export class JobState<S extends z.ZodMiniType> {
  private value: z.infer<S> | undefined;

  constructor(
    /** Undefined: kept in memory only (a one-off report without the running jobs). */
    private readonly store: StorePort | undefined,
    private readonly job: string,
    private readonly schema: S,
    private readonly initial: () => z.infer<S>,
    /** Reads what the running jobs kept, never writes it (a one-off report beside them). */
    private readonly readOnly = false,
  ) {}

  /** Reads the kept state (once). */
  async load(): Promise<z.infer<S>> {
    if (this.value === undefined) {
      this.value = this.store ? await this.store.jobs.read(this.job, this.schema, this.initial) : this.initial();
    }
    return this.value;
  }

  /** The state in memory (initial until loaded). */
  get current(): z.infer<S> {
    this.value ??= this.initial();
    return this.value;
  }

  async save(): Promise<void> {
    if (this.store && !this.readOnly && this.value !== undefined) await this.store.jobs.write(this.job, this.schema, this.value);
  }
}
