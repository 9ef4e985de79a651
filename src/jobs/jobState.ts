// Typed access to the jobs' slice of the lowdb document (`store.data.jobs`), one entry per job.
import type { Store } from "../store/store.ts";

/** Returns the job's state object, creating it with `initial` the first time. */
export function jobState<T extends object>(store: Store, job: string, initial: () => T): T {
  const jobs = store.data.jobs;
  const current = jobs[job];
  if (current && typeof current === "object") return current as T;
  const created = initial();
  jobs[job] = created;
  return created;
}
