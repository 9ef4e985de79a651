// The contract against the embedded sandbox, directly.
import { ManualClock } from "../../../src/clock.ts";
import { Sandbox } from "../../../src/hosting/sandbox/index.ts";
import { hostingContract } from "./hostingContract.ts";

hostingContract("sandbox", async (hostings) => {
  const sandbox = await Sandbox.open({
    clock: new ManualClock(),
    seed: 7,
    hostings,
    unblockDelayMs: [60_000, 60_000],
    purgeDurationMs: [300_000, 300_000],
  });
  return { provider: sandbox, sandbox, close: () => sandbox.close() };
});
