// The embedded sandbox as the app's provider. Its clock is the app's clock, so `advance`
// moves confirmations, holds and jobs along with the simulated hostings.
import { OffsetClock } from "../clock.ts";
import { StoreError } from "../errors.ts";
import { Sandbox, SandboxStateError } from "./sandbox/index.ts";

export async function openSandbox(options: { stateFile: string; seed: number; latencyMs?: number }) {
  const clock = new OffsetClock();
  let sandbox: Sandbox;
  try {
    sandbox = await Sandbox.open({ clock, ...options });
  } catch (error) {
    if (error instanceof SandboxStateError) throw new StoreError(error.message);
    throw error;
  }
  sandbox.start();
  return { provider: sandbox, clock, sandbox, close: () => sandbox.close() };
}
