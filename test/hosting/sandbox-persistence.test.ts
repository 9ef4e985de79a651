// The state file: round trip, clock offset, corrupted files left untouched.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock, OffsetClock } from "../../src/clock.ts";
import { readSandboxClockOffset, Sandbox } from "../../src/hosting/sandbox/index.ts";
import { HOUR, MINUTE } from "./sandbox-fixtures.ts";

let dir: string;
let stateFile: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "mailbrake-sandbox-"));
  stateFile = join(dir, "nested", "sandbox.json");
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function everything(sandbox: Sandbox) {
  const out: Record<string, unknown> = {};
  for (const hosting of await sandbox.listHostings()) {
    out[hosting] = {
      mail: await sandbox.getMail(hosting),
      bounces: await sandbox.bounces(hosting, 100),
      volumes: await sandbox.volumes(hosting),
      view: await sandbox.inspect(hosting),
    };
  }
  return out;
}

describe("persistence", () => {
  it("writes the file on open and after each mutation", async () => {
    const sandbox = await Sandbox.open({ clock: new ManualClock(), stateFile });
    const onOpen = JSON.parse(await readFile(stateFile, "utf8"));
    expect(onOpen.hostings.map((h: { state: string }) => h.state)).toEqual(["ok", "ok", "ok"]);
    await sandbox.requestAction("kahvila-aalto.fi", "BLOCK");
    const afterBlock = JSON.parse(await readFile(stateFile, "utf8"));
    expect(afterBlock.hostings[1].state).toBe("ko");
  });

  it("reopens with the identical state and continues identically", async () => {
    const clock = new ManualClock();
    const first = await Sandbox.open({ clock, stateFile });
    await first.requestAction("kahvila-aalto.fi", "BLOCK");
    await first.advance(2 * HOUR);
    await first.requestAction("kahvila-aalto.fi", "UNBLOCK");
    await first.requestAction("sklep-nowak.pl", "BLOCK");
    await first.requestAction("sklep-nowak.pl", "PURGE");
    await first.setReportRecipient("boulangerie-martin.fr", "alerts@boulangerie-martin.fr");
    await first.spamDrill("boulangerie-martin.fr");
    await first.close();
    const saved = first.snapshot();
    const seen = await everything(first);

    const second = await Sandbox.open({ clock, stateFile, seed: 7, hostings: [] });
    expect(second.snapshot()).toEqual(saved);
    expect(await everything(second)).toEqual(seen);

    // Pending transitions and the PRNG continue where they were.
    await first.advance(HOUR);
    clock.advance(-HOUR);
    await second.advance(HOUR);
    expect(second.snapshot()).toEqual(first.snapshot());
    expect((await second.getMail("kahvila-aalto.fi")).state).toBe("ok");
    expect((await second.getMail("sklep-nowak.pl")).state).toBe("ok");
    await second.close();
  });

  it("saves an OffsetClock's offset and restores it on open", async () => {
    const base = new ManualClock();
    const clock = new OffsetClock(0, base);
    const sandbox = await Sandbox.open({ clock, stateFile });
    await sandbox.advance(90 * MINUTE);
    await sandbox.close();
    expect(JSON.parse(await readFile(stateFile, "utf8")).clockOffset).toBe(90 * MINUTE);
    expect(await readSandboxClockOffset(stateFile)).toBe(90 * MINUTE);

    const restored = new OffsetClock(0, base);
    const reopened = await Sandbox.open({ clock: restored, stateFile });
    expect(restored.offset).toBe(90 * MINUTE);
    expect(restored.now()).toBe(clock.now());
    expect(reopened.snapshot().clockOffset).toBe(90 * MINUTE);
  });

  it("stores no clock offset for a ManualClock", async () => {
    const sandbox = await Sandbox.open({ clock: new ManualClock(), stateFile });
    await sandbox.advance(HOUR);
    expect(JSON.parse(await readFile(stateFile, "utf8")).clockOffset).toBeNull();
    expect(await readSandboxClockOffset(join(dir, "missing.json"))).toBe(0);
  });
});

/** A hosting as saved in the state file, to be damaged. */
interface SavedHosting {
  errors: Record<string, unknown>[];
  volumes: Record<string, unknown>[];
  recent: unknown[];
  held: unknown;
}

describe("a corrupted state file", () => {
  it.each([
    ["not JSON", "{ hostings: [", /not valid JSON/],
    ["empty", "", /it is empty/],
    ["a wrong shape", JSON.stringify({ version: 1, hostings: "none" }), /is invalid \(.*hostings/],
    ["another format", JSON.stringify({ version: 99 }), /format 99/],
  ])("is reported naming the file (%s) and left untouched", async (_what, content, problem) => {
    await writeFile(join(dir, "bad.json"), content);
    const file = join(dir, "bad.json");
    const error = await Sandbox.open({ clock: new ManualClock(), stateFile: file }).catch(
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(problem);
    expect(await readFile(file, "utf8")).toBe(content);
  });

  it("with an invalid state value names the field", async () => {
    const sandbox = await Sandbox.open({ clock: new ManualClock(), stateFile });
    await sandbox.close();
    const state = JSON.parse(await readFile(stateFile, "utf8"));
    state.hostings[2].state = "frozen";
    const content = JSON.stringify(state);
    await writeFile(stateFile, content);
    await expect(Sandbox.open({ clock: new ManualClock(), stateFile })).rejects.toThrow(
      /hostings\.2\.state/,
    );
    expect(await readFile(stateFile, "utf8")).toBe(content);
  });

  it.each([
    ["a kept error without its text", (h: SavedHosting) => delete h.errors[0]?.message, /hostings\.1\.errors\.0\.message/],
    ["a day's volume that is not a count", (h: SavedHosting) => (h.volumes[0] = { date: "2026-01-01", volume: -1 }), /hostings\.1\.volumes\.0\.volume/],
    ["a minute bucket that is not an object", (h: SavedHosting) => h.recent.push("x"), /hostings\.1\.recent\.\d+/],
    ["rows that are not a list", (h: SavedHosting) => (h.held = {}), /hostings\.1\.held/],
  ])("with a damaged row (%s) names the row and field", async (_what, damage, problem) => {
    const sandbox = await Sandbox.open({ clock: new ManualClock(), stateFile });
    await sandbox.advance(HOUR);
    await sandbox.close();
    const state = JSON.parse(await readFile(stateFile, "utf8"));
    damage(state.hostings[1]);
    const content = JSON.stringify(state);
    await writeFile(stateFile, content);
    await expect(Sandbox.open({ clock: new ManualClock(), stateFile })).rejects.toThrow(problem);
    expect(await readFile(stateFile, "utf8")).toBe(content);
  });
});
