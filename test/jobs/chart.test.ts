import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import type { Language } from "../../src/i18n/index.ts";
import { buildReportReply } from "../../src/jobs/report/buildReply.ts";
import { ChartError, ChartProcess, setChartProcess } from "../../src/jobs/report/chartProcess.ts";
import type { DayPoint } from "../../src/jobs/report/reportData.ts";
import { makeJobsApp } from "../helpers/jobsApp.ts";
import { decodePng } from "../helpers/jobsPng.ts";
import { useTempDir } from "../helpers/tempDir.ts";

const FAKE = fileURLToPath(new URL("../helpers/jobsChartWorker.ts", import.meta.url));
const DAY = 86_400_000;
const days: DayPoint[] = Array.from({ length: 14 }, (_, i) => ({
  day: Date.UTC(2026, 10, 10) + i * DAY,
  sent: 1200 + i * 40,
  errors: (i * 7) % 30,
}));
const as = (mode: string) => mode as Language;

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const gone = (pid: number | undefined) =>
  vi.waitFor(() => expect(alive(pid)).toBe(false), { timeout: 5000 });

async function rejection(promise: Promise<unknown>): Promise<ChartError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChartError);
  return error as ChartError;
}

describe("report chart drawn in a process of its own", () => {
  const real = new ChartProcess();
  const stoppable: ChartProcess[] = [];
  const fake = (options: ConstructorParameters<typeof ChartProcess>[0] = {}) => {
    const charts = new ChartProcess({ workerFile: FAKE, ...options });
    stoppable.push(charts);
    return charts;
  };
  afterEach(async () => {
    await Promise.all(stoppable.splice(0).map((c) => c.stop()));
  });
  afterAll(() => real.stop());

  it("draws a real PNG in the child, several at once in the same child, without vega in this process", async () => {
    const png = decodePng(await real.render(days, "fr"));
    expect(png.width).toBeGreaterThan(600);
    expect(png.height).toBeGreaterThan(250);
    expect(png.colours).toBeGreaterThan(20);
    const pid = real.pid;
    expect(alive(pid)).toBe(true);
    expect(pid).not.toBe(process.pid);
    const more = await Promise.all((["pl", "fi", "en"] as const).map((l) => real.render(days, l)));
    for (const data of more) expect(decodePng(data).width).toBeGreaterThan(600);
    expect(real.pid).toBe(pid);
    // vega-lite adds this when it is imported; the bot process must never load it.
    expect(Object.getOwnPropertyDescriptor(Set.prototype, "toJSON")).toBeUndefined();
  });

  it("a crash fails the chart clearly, and the next chart gets a fresh child", async () => {
    const charts = fake();
    expect(Buffer.from(await charts.render(days, "en")).toString()).toBe("png:14");
    const first = charts.pid;
    const error = await rejection(charts.render(days, as("crash")));
    expect(error.code).toBe("crashed");
    expect(error.message).toContain("exited (code 3)");
    expect(charts.pid).toBeUndefined();
    expect(Buffer.from(await charts.render(days.slice(0, 3), "en")).toString()).toBe("png:3");
    expect(charts.pid).not.toBe(first);
  });

  it("a chart that never comes back times out, the hung child is killed, and the next one works", async () => {
    // Deadlines are fired by the test, never by the wall clock: a child may take any time to start.
    const armed: (() => void)[] = [];
    const charts = fake({
      timeoutMs: 300,
      deadline: (_ms, onTimeout) => {
        armed.push(onTimeout);
        return () => undefined;
      },
    });
    const waiting = [charts.render(days, as("hang")), charts.render(days, as("hang"))];
    const hung = charts.pid;
    for (const fire of armed.splice(0)) fire();
    for (const error of await Promise.all(waiting.map(rejection))) {
      expect(error.code).toBe("timeout");
      expect(error.message).toContain("not drawn within 0.3 s");
    }
    await gone(hung);
    expect(Buffer.from(await charts.render(days, "en")).toString()).toBe("png:14");
  });

  it("an error while drawing fails that chart only; the child stays for the next", async () => {
    const charts = fake();
    const error = await rejection(charts.render(days, as("fail")));
    expect(error.code).toBe("failed");
    expect(error.message).toContain("no fonts");
    const pid = charts.pid;
    await charts.render(days, "en");
    expect(charts.pid).toBe(pid);
  });

  it("an idle child is stopped, and one that drew its share is replaced", async () => {
    const idle = fake({ idleMs: 50 });
    await idle.render(days, "en");
    const pid = idle.pid;
    await gone(pid);
    expect(idle.pid).toBeUndefined();
    await idle.render(days, "en");
    expect(alive(idle.pid)).toBe(true);

    const worn = fake({ maxCharts: 2 });
    await Promise.all([worn.render(days, "en"), worn.render(days, "en")]);
    expect(worn.pid).toBeUndefined();
  });

  it("stop() fails the charts still being drawn and ends the child", async () => {
    const charts = fake();
    const waiting = rejection(charts.render(days, as("hang")));
    const pid = charts.pid;
    await charts.stop();
    expect((await waiting).code).toBe("stopped");
    expect(alive(pid)).toBe(false);
  });

  it("an idle child does not keep the bot's process alive", () => {
    const script = `
      import { ChartProcess } from ${JSON.stringify(new URL("../../src/jobs/report/chartProcess.ts", import.meta.url).href)};
      const png = await new ChartProcess({ workerFile: ${JSON.stringify(FAKE)} }).render([], "en");
      console.log(Buffer.from(png).toString());
    `;
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        encoding: "utf8",
        timeout: 15_000,
      },
    );
    expect(run.signal).toBeNull();
    expect(run.stdout.trim()).toBe("png:0");
    expect(run.status).toBe(0);
  });
});

describe("report when the chart cannot be drawn", () => {
  const tempDir = useTempDir();
  afterEach(() => {
    delete process.env.FAKE_CHART_MODE;
  });

  it("is posted without the chart, and the log says why", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => lines.push(line) });
    const app = await makeJobsApp({
      dataDir: await tempDir(),
      clock: new ManualClock(Date.UTC(2026, 10, 24, 9, 0)),
      hostings: [
        {
          name: "shop-example.fr",
          maxPerDay: 5000,
          profile: { dailyMails: 1500, errorRate: 0 },
          historyDays: 20,
        },
      ],
    });
    process.env.FAKE_CHART_MODE = "crash";
    const charts = new ChartProcess({ workerFile: FAKE });
    const previous = setChartProcess(charts);
    try {
      const deps = {
        provider: app.services.provider,
        errors: app.jobs.errors,
        collector: app.jobs.collector,
        settings: app.jobs.settings,
        sleep: async () => undefined,
      };
      const now = app.clock.now();
      const reply = await buildReportReply(
        deps,
        logger,
        ["shop-example.fr"],
        { from: now - DAY, to: now },
        { language: "en", timeZone: "UTC", scheduled: false },
      );
      expect(reply.text).toContain("Error report");
      expect(reply.attachments).toBeUndefined();
      const warning = lines
        .map((l) => JSON.parse(l))
        .find((l) => l.msg === "chart could not be drawn");
      expect(warning?.err?.message).toContain("chart process exited (code 3)");
    } finally {
      setChartProcess(previous);
      await charts.stop();
    }
  });
});
