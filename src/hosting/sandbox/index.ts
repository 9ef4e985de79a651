// The embedded hosting sandbox: public entry.
//
// Persistence and the clock offset: with `stateFile`, the whole state (hostings, held
// mail, error logs, volumes, pending transitions, PRNG state) is saved after each
// mutation, by the background tick, and on close(). When the clock is an OffsetClock its
// offset is saved as `clockOffset`; Sandbox.open() advances the OffsetClock it is given
// to that offset, so the composition root just passes `new OffsetClock()` and shares that
// same clock with the rest of the app. readSandboxClockOffset() reads it without opening.
import { readStateFile } from "./state-file.ts";

export type { SandboxOptions } from "./options.ts";
export { Sandbox, type SandboxHostingView } from "./sandbox.ts";
export type { SandboxState, TrafficProfile } from "./schema.ts";
export { DEMO_HOSTINGS, type SandboxHostingSeed } from "./seeds.ts";
export { SandboxStateError } from "./state-file.ts";

/** The OffsetClock offset saved in `stateFile` (0 when none); throws if the file is corrupted. */
export async function readSandboxClockOffset(stateFile: string): Promise<number> {
  return (await readStateFile(stateFile))?.clockOffset ?? 0;
}
