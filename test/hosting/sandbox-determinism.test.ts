// Same seed, same traffic; another seed, other traffic.
import { describe, expect, it } from "vitest";
import { DAY, HOUR, openDemo } from "./sandbox-fixtures.ts";

async function dayOfTraffic(seed: number) {
  const { sandbox } = await openDemo({ seed });
  await sandbox.advance(DAY + 5 * HOUR);
  const out = [];
  for (const hosting of await sandbox.listHostings()) {
    out.push({
      mail: await sandbox.getMail(hosting),
      bounces: await sandbox.bounces(hosting, 100),
      volumes: await sandbox.volumes(hosting),
    });
  }
  return { out, state: sandbox.snapshot() };
}

describe("determinism", () => {
  it("produces the same traffic from the same seed", async () => {
    const a = await dayOfTraffic(1234);
    const b = await dayOfTraffic(1234);
    expect(b.out).toEqual(a.out);
    expect(b.state).toEqual(a.state);
  });

  it("produces other traffic from another seed", async () => {
    const a = await dayOfTraffic(1234);
    const b = await dayOfTraffic(1235);
    expect(b.out[2]!.mail.sent).not.toBe(a.out[2]!.mail.sent);
    expect(b.out[2]!.bounces).not.toEqual(a.out[2]!.bounces);
  });

  it("defaults to seed 42", async () => {
    const a = await dayOfTraffic(42);
    const { sandbox } = await openDemo();
    await sandbox.advance(DAY + 5 * HOUR);
    expect(sandbox.snapshot()).toEqual(a.state);
  });
});
