// Who a provider call is for: a person waiting on a command (served first) or a scheduled
// job (which can wait). Jobs run their work inside `asJob`; everything else is a person's.
import { AsyncLocalStorage } from "node:async_hooks";

export type CallLane = "person" | "job";

const lane = new AsyncLocalStorage<CallLane>();

export const asJob = <T>(work: () => Promise<T>): Promise<T> => lane.run("job", work);

export const currentLane = (): CallLane => lane.getStore() ?? "person";
