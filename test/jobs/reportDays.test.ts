// The report's days are the team's calendar days: volumes dated as the published model
// dates them (date-times with the provider's offset) land on the day they stand for.
import { describe, expect, it } from "vitest";
import type { HostingMail, HostingProvider, Volume } from "../../src/hosting/port.ts";
import type { Collector } from "../../src/jobs/collector.ts";
import { MemoryErrorLog } from "../../src/jobs/errorLog.ts";
import { gatherReport, sentBetween } from "../../src/jobs/report/reportData.ts";
import type { JobSettings } from "../../src/jobs/settings.ts";

const MAIL: HostingMail = { state: "ok", sentToday: 0, maxPerDay: 0, sent: 10, bounce: 0, reportRecipient: "" };

function provider(volumes: Volume[]): HostingProvider {
  return {
    kind: "stub",
    listHostings: async () => ["a.example"],
    getMail: async () => MAIL,
    requestAction: async () => "",
    setReportRecipient: async () => undefined,
    bounces: async () => [],
    volumes: async () => volumes,
  };
}

const collector = { lastPoll: () => Date.parse("2026-12-01T07:59:00Z"), lastFailure: () => undefined, gaps: () => [] } as unknown as Collector;
const settings = (timeZone: string) => ({ timeZone, retries: 0, retryBaseMs: 1, collectEveryMs: 300_000 }) as JobSettings;

async function chart(volumes: Volume[], timeZone: string) {
  const errors = new MemoryErrorLog();
  const to = Date.parse("2026-12-01T08:00:00Z");
  const data = await gatherReport(
    { provider: provider(volumes), errors, collector, settings: settings(timeZone), sleep: async () => undefined },
    ["a.example"],
    { from: to - 86_400_000, to },
  );
  return { data, byDay: Object.fromEntries(data.days.filter((d) => (d.sent ?? 0) > 0).map((d) => [new Date(d.day).toISOString().slice(0, 10), d.sent])) };
}

describe("report days in the team's time zone", () => {
  const volumes: Volume[] = [
    { date: "2026-12-01T00:00:00+01:00", volume: 40 },
    { date: "2026-11-30T00:00:00+01:00", volume: 300 },
    { date: "2026-11-29T00:00:00+01:00", volume: null },
    { date: "2026-11-28", volume: 7 },
  ];

  for (const zone of ["UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo"]) {
    it(`puts each volume on its own day (${zone}), a null count as none`, async () => {
      const { byDay, data } = await chart(volumes, zone);
      expect(byDay).toEqual({ "2026-11-28": 7, "2026-11-30": 300, "2026-12-01": 40 });
      expect(data.hostings[0]?.sent).toBeGreaterThan(0);
    });
  }

  it("estimates the period's mails from date-times with offsets (not 0)", () => {
    const from = Date.parse("2026-11-30T07:00:00Z");
    const to = Date.parse("2026-12-01T07:00:00Z");
    // 16 of the 24 hours of Paris's 30 November (300 × 16/24), and all of 1 December so far (40).
    expect(sentBetween(volumes, from, to, "Europe/Paris")).toBe(240);
  });
});
