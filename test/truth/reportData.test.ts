// Issue #17, case 9: a report tells the truth about its data. A one-shot report counts the
// errors the running bot collected (not only the newest 100 it can read itself), so two
// charts of the same data agree; days nobody saw are "no data", never 0; the report says from
// when its data reaches; a "not complete" note stays a context line under its hosting.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { renderText } from "../../adapters/console/render.ts";
import { renderMessage } from "../../adapters/discord/render.ts";
import { ManualClock } from "../../src/clock.ts";
import type { Reply } from "../../src/core/reply.ts";
import { LANGUAGES, translate } from "../../src/i18n/index.ts";
import { renderChartSvg } from "../../src/jobs/report/chart.ts";
import { stopChartProcess } from "../../src/jobs/report/chartProcess.ts";
import type { HostingMail, HostingProvider, Volume } from "../../src/hosting/port.ts";
import type { Collector } from "../../src/jobs/collector.ts";
import { MemoryErrorLog } from "../../src/jobs/errorLog.ts";
import { type DayPoint, gatherReport } from "../../src/jobs/report/reportData.ts";
import type { JobSettings } from "../../src/jobs/settings.ts";
import { makeJobsApp, ScriptedErrors } from "../helpers/jobsApp.ts";
import { decodePng } from "../helpers/jobsPng.ts";
import { useTempDir } from "../helpers/tempDir.ts";
import { ask, makeTestApp, person, type TestApp } from "../helpers/testApp.ts";

const SHOP = "boulangerie-martin.fr";
const CAFE = "kahvila-aalto.fi";
const NOW = Date.UTC(2026, 10, 24, 9, 0);
const U = person("U");
const HOSTINGS = [
  { name: SHOP, maxPerDay: 5000, profile: { dailyMails: 1500, errorRate: 0 }, historyDays: 20 },
  { name: CAFE, maxPerDay: 500, profile: { dailyMails: 100, errorRate: 0 }, historyDays: 20 },
];

interface ReportJson {
  dataFrom: number | null;
  hostings: { name: string; dataFrom: number | null; complete: boolean }[];
  days: { day: string; sent: number | null; errors: number | null; partial?: true }[];
}
const json = (reply: Reply) => reply.data as ReportJson;
const errorsOn = (reply: Reply, day: string) => json(reply).days.find((d) => d.day === day)?.errors;
const bounce = (i: number) => `550 5.1.1 <user${i}@example.org>: Recipient address rejected: User unknown`;
const to = (i: number) => `user${i}@example.org`;

describe("a report tells the truth about its data", () => {
  const tempDir = useTempDir();
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  afterAll(() => stopChartProcess());

  it("a one-shot report counts the errors the bot collected (31 and 87), and agrees with the bot's own report", async () => {
    const scripted = new ScriptedErrors();
    const jobsApp = await makeJobsApp({ dataDir: await tempDir(), clock: new ManualClock(NOW), hostings: HOSTINGS, wrap: (s) => scripted.wrap(s) });
    app = jobsApp;
    scripted.add(SHOP, Date.UTC(2026, 10, 19, 10), 87, bounce, to);
    await jobsApp.jobs.tick();
    scripted.add(SHOP, Date.UTC(2026, 10, 21, 10), 31, bounce, to);
    jobsApp.clock.advance(10 * 60_000);
    await jobsApp.jobs.tick();

    const live = await ask(jobsApp, U, `report ${SHOP}`);
    await jobsApp.jobs.stop();
    const once = await ask(jobsApp, U, `report ${SHOP}`); // the provider still returns only the newest 100
    expect(errorsOn(live, "2026-11-19")).toBe(87);
    expect(errorsOn(live, "2026-11-21")).toBe(31);
    expect(json(once).days).toEqual(json(live).days);
    expect(json(once).dataFrom).toBe(json(live).dataFrom);
    // The two charts are drawn from the same days, with the same title: the same picture.
    expect(once.attachments?.[0]?.data.equals(live.attachments![0]!.data)).toBe(true);
  });

  it("days the bot could not see are no data (a gap labelled so in the chart), never 0; the report says from when its data reaches", async () => {
    const scripted = new ScriptedErrors();
    app = await makeTestApp({ dataDir: await tempDir(), clock: new ManualClock(NOW), hostings: HOSTINGS, wrap: (s) => scripted.wrap(s) });
    scripted.add(SHOP, Date.UTC(2026, 10, 18, 10), 50, bounce, to);
    scripted.add(SHOP, Date.UTC(2026, 10, 20, 10), 50, bounce, to);
    scripted.add(SHOP, Date.UTC(2026, 10, 23, 10), 50, bounce, to);
    // A one-off report on a fresh data folder reads the newest 100 only: 20 and 23 November.
    const reply = await ask(app, U, `report ${SHOP}`);
    const data = json(reply);
    expect(data.dataFrom).toBe(Date.UTC(2026, 10, 20, 10));
    expect(data.hostings[0]!.dataFrom).toBe(Date.UTC(2026, 10, 20, 10));
    expect(errorsOn(reply, "2026-11-18")).toBeNull(); // 50 were sent back that day: unknown, not 0
    expect(errorsOn(reply, "2026-11-19")).toBeNull();
    expect(errorsOn(reply, "2026-11-20")).toBe(50);
    // Seen from 10:00 only: drawn, and said to be partial.
    expect(data.days.filter((d) => d.partial).map((d) => d.day)).toEqual(["2026-11-20"]);
    expect(errorsOn(reply, "2026-11-22")).toBe(0); // seen, and quiet
    expect(errorsOn(reply, "2026-11-23")).toBe(50);
    expect(data.days.filter((d) => d.errors === null)).toHaveLength(9); // 11 to 19 November
    expect(data.days.every((d) => d.sent !== null)).toBe(true); // the volumes reach 20 days back
    expect(reply.text).toContain("Data from 20 Nov 2026, 10:00 UTC");

    // The chart: no bar on those days, the words "no data" instead, in the SVG it is drawn from.
    const days: DayPoint[] = data.days.map((d) => ({ day: Date.parse(`${d.day}T00:00:00Z`), sent: d.sent, errors: d.errors, partial: d.partial }));
    const svg = await renderChartSvg(days, "en", "t");
    expect(svg.match(/>no data</g)).toHaveLength(9);
    expect(svg).toMatch(/aria-label="Day: Nov 20 \(partial\); Emails in error: 50"/);
    expect(svg).not.toMatch(/aria-label="Day: Nov 18; Emails in error/);
    expect(svg).toMatch(/aria-label="Day: Nov 22; Emails in error: 0"/);
    const png = decodePng(reply.attachments![0]!.data);
    expect(png.width).toBeGreaterThan(600);
    expect(png.colours).toBeGreaterThan(20);
  });

  it.each(LANGUAGES)("%s: the report says from when its data reaches, and the chart labels its gaps", async (language) => {
    const scripted = new ScriptedErrors();
    app = await makeTestApp({ dataDir: await tempDir(), clock: new ManualClock(NOW), hostings: HOSTINGS, wrap: (s) => scripted.wrap(s) });
    scripted.add(SHOP, Date.UTC(2026, 10, 20, 10), 120, bounce, to);
    const reply = await ask(app, U, `report ${SHOP}`, language);
    const words = translate(language, "jobs:report.dataFrom", { date: "" }).trim();
    expect(reply.text).toContain(words);
    const days: DayPoint[] = json(reply).days.map((d) => ({ day: Date.parse(`${d.day}T00:00:00Z`), sent: d.sent, errors: d.errors }));
    const svg = await renderChartSvg(days, language, "t");
    expect(svg).toContain(`>${translate(language, "jobs:chart.noData")}<`);
  });

  it("a 'not complete' note is a context line under its hosting: in the terminal and in Discord", async () => {
    const scripted = new ScriptedErrors();
    app = await makeTestApp({ dataDir: await tempDir(), clock: new ManualClock(NOW), hostings: HOSTINGS, wrap: (s) => scripted.wrap(s) });
    scripted.add(SHOP, Date.UTC(2026, 10, 24, 2), 150, bounce, to);
    scripted.add(CAFE, Date.UTC(2026, 10, 24, 3), 120, bounce, to);
    const reply = await ask(app, U, "report all");
    expect(json(reply).hostings.map((h) => [h.name, h.complete])).toEqual([
      [SHOP, false],
      [CAFE, false],
    ]);

    const lines = renderText(reply).split("\n");
    const notes = lines.filter((l) => l.includes("Not complete"));
    expect(notes).toHaveLength(2);
    for (const line of notes) expect(line).toMatch(/^ {2}\(Not complete: .*\)$/);
    // Each note right after its hosting's summary line, never at the margin.
    for (const line of lines) expect(line).not.toMatch(/^[^ ].*Not complete/);

    const embed = renderMessage(reply).embeds[0]!;
    const fields = embed.fields ?? [];
    const shop = fields.findIndex((f) => f.name === SHOP);
    const cafe = fields.findIndex((f) => f.name === CAFE);
    const between = fields.slice(Math.min(shop, cafe) + 1, Math.max(shop, cafe));
    expect(between.some((f) => f.value.includes("Not complete"))).toBe(true);
    expect(embed.footer?.text.match(/Not complete/g) ?? []).toHaveLength(1);
  });
});

describe("days inside a gap of collection (the bot was down while errors poured in)", () => {
  const DAY = 86_400_000;
  const mail: HostingMail = { state: "ok", sentToday: 0, maxPerDay: 0, sent: 10, bounce: 0, reportRecipient: "" };
  const provider = (volumes: Volume[]): HostingProvider => ({
    kind: "stub",
    listHostings: async () => [SHOP],
    getMail: async () => mail,
    requestAction: async () => "",
    setReportRecipient: async () => undefined,
    bounces: async () => [],
    volumes: async () => volumes,
  });

  it("are no data, as are days without a volume; days around them are counted", async () => {
    const end = Date.UTC(2026, 10, 24, 9);
    // Collection saw nothing from 17 November 20:00 to 21 November 03:00: the 18th to the 20th are unseen.
    const gap = { hosting: SHOP, from: Date.UTC(2026, 10, 17, 20), to: Date.UTC(2026, 10, 21, 3) };
    const collector = {
      lastPoll: () => end - 60_000,
      lastFailure: () => undefined,
      gaps: (from: number, to: number) => (gap.to > from && gap.from < to ? [gap] : []),
    } as unknown as Collector;
    const errors = new MemoryErrorLog();
    await errors.appendMany([
      { at: Date.UTC(2026, 10, 17, 10), hosting: SHOP, to: "a@example.org", message: "550 5.1.1 unknown" },
      { at: Date.UTC(2026, 10, 21, 10), hosting: SHOP, to: "b@example.org", message: "550 5.1.1 unknown" },
    ]);
    const volumes: Volume[] = Array.from({ length: 20 }, (_, i) => ({ date: new Date(end - i * DAY).toISOString().slice(0, 10), volume: i === 4 ? null : 100 }));
    const settings = { timeZone: "UTC", retries: 0, retryBaseMs: 1, collectEveryMs: 600_000, retentionMs: 14 * DAY } as JobSettings;
    const data = await gatherReport({ provider: provider(volumes), errors, collector, settings, sleep: async () => undefined }, [SHOP], { from: end - DAY, to: end });
    const on = (day: string) => data.days.find((d) => new Date(d.day).toISOString().startsWith(day));
    expect(on("2026-11-17")).toMatchObject({ errors: 1, sent: 100, partial: true });
    for (const day of ["2026-11-18", "2026-11-19", "2026-11-20"]) expect(on(day)?.errors).toBeNull();
    expect(on("2026-11-20")?.sent).toBeNull(); // its volume is null: unknown, not 0
    expect(on("2026-11-21")).toMatchObject({ errors: 1, sent: 100, partial: true });
    expect(on("2026-11-22")?.errors).toBe(0);
    expect(on("2026-11-22")?.partial).toBeUndefined();
    expect(on("2026-11-24")?.partial).toBeUndefined(); // today, still going on: not "partial"
  });
});
