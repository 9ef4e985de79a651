// Which actions this process is carrying out, and how it signs the ones it claims, so that a
// reconciler (this process's follower, or another process at start-up) leaves live ones alone.
import { hostname } from "node:os";

/** This process, as recorded on an action it claims for execution: `host/pid`. */
export const EXECUTOR = `${hostname()}/${process.pid}`;

/** Tokens of the actions this process is executing now. */
export const inFlight = new Set<string>();
