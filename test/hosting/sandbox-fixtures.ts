// Shared helpers for the sandbox tests: a ManualClock and "quiet" hostings whose scripts
// send nothing on their own, so tests drive traffic exactly with sendMails().
import { expect } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { HostingError, type MailState } from "../../src/hosting/port.ts";
import {
  Sandbox,
  type SandboxHostingSeed,
  type SandboxOptions,
} from "../../src/hosting/sandbox/index.ts";

export const QUIET = "atelier-calme.fr";
export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function quietSeed(extra: Partial<SandboxHostingSeed> = {}): SandboxHostingSeed {
  return { name: QUIET, maxPerDay: 1000, profile: { dailyMails: 0, errorRate: 0 }, ...extra };
}

export async function openSandbox(
  hostings: SandboxHostingSeed[] = [quietSeed()],
  options: Partial<SandboxOptions> = {},
): Promise<{ clock: ManualClock; sandbox: Sandbox }> {
  const clock = new ManualClock();
  const sandbox = await Sandbox.open({ clock, hostings, ...options });
  return { clock, sandbox };
}

/** The default sandbox: the three demo hostings. */
export async function openDemo(
  options: Partial<SandboxOptions> = {},
): Promise<{ clock: ManualClock; sandbox: Sandbox }> {
  const clock = new ManualClock();
  const sandbox = await Sandbox.open({ clock, ...options });
  return { clock, sandbox };
}

/** Asserts the promise rejects with a HostingError of `code` (and `state` when given). */
export async function expectHostingError(
  promise: Promise<unknown>,
  code: HostingError["code"],
  state?: MailState,
): Promise<HostingError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HostingError);
  const hostingError = error as HostingError;
  expect(hostingError.code).toBe(code);
  if (state) {
    expect(hostingError.details.state).toBe(state);
    // Worded as a provider words it: the state is in the details, never in the message.
    expect(hostingError.message).not.toMatch(/state:/);
  }
  return hostingError;
}
