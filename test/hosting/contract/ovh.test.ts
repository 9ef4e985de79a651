// The contract against the OVHcloud provider: the real node-ovh client, over HTTPS, to the
// fake API (which checks every signature) backed by the same sandbox.
import { startOvhHarness } from "../../fakes/ovhHarness.ts";
import { hostingContract } from "./hostingContract.ts";

hostingContract("OVHcloud provider → fake API", async (hostings) => {
  const harness = await startOvhHarness({ hostings });
  return { provider: harness.provider, sandbox: harness.sandbox, close: () => harness.close() };
});
