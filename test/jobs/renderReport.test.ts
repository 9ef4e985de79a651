import { describe, expect, it } from "vitest";
import type { HostingReport, ReportData } from "../../src/jobs/report/reportData.ts";
import { renderReport } from "../../src/jobs/report/renderReport.ts";
import { classify } from "../../src/jobs/report/statusCode.ts";
import { summarize } from "../../src/jobs/report/summarize.ts";

const T = Date.UTC(2026, 10, 24, 8, 0);
const mail = { state: "ok" as const, sentToday: 100, maxPerDay: 1000, sent: 5000, bounce: 50, reportRecipient: "pm@x.fr" };

function hosting(i: number, errors: number): HostingReport {
  const list = Array.from({ length: errors }, (_, k) => ({
    at: T - k,
    hosting: `site-${i}.fr`,
    to: `u${k}@d${k % 3}.fr`,
    message: k % 2 ? "550 5.1.1 User unknown" : "451 4.7.1 Greylisted",
  }));
  return { hosting: `site-${i}.fr`, mail, summary: summarize(list), sent: 1000, gaps: [{ hosting: `site-${i}.fr`, from: T - 3_600_000, to: T - 60_000 }], unread: [] };
}

describe("report card", () => {
  it("stays within 50 blocks for many hostings, and says how many were left out", () => {
    const hostings = [...Array.from({ length: 30 }, (_, i) => hosting(i, 40 - i)), ...Array.from({ length: 25 }, (_, i) => hosting(100 + i, 0))];
    const data: ReportData = { from: T - 86_400_000, to: T, hostings, days: [] };
    const reply = renderReport(data, { language: "en", timeZone: "UTC", scheduled: true, lateSince: T - 3_600_000 });
    expect(reply.card!.blocks.length).toBeLessThanOrEqual(50);
    expect(reply.text).toContain("22 more hostings with errors: site-8.fr (32)");
    expect(reply.text).toContain("25 hostings without errors: site-100.fr");
    expect(reply.text).toMatch(/and 5 more\n/); // 25 quiet hostings, 20 named
    expect(reply.text).toContain("site-8.fr: Not complete: errors between");
    expect(reply.text).toContain("and 12 more"); // notes of the 22 listed hostings with errors, 10 shown
    expect(reply.text).toContain("and 15 more"); // notes of the 25 quiet ones
    expect(reply.card!.tone).toBe("warning");
  });

  it("renders in Polish with its plural forms", () => {
    const data: ReportData = { from: T - 86_400_000, to: T, hostings: [hosting(1, 3), hosting(2, 5)], days: [] };
    const text = renderReport(data, { language: "pl", timeZone: "Europe/Warsaw", scheduled: true }).text;
    expect(text).toContain("Dzienny raport o błędach");
    expect(text).toContain("3 błędy");
    expect(text).toContain("5 błędów");
  });
});

describe("status code classes (RFC 3463)", () => {
  it.each([
    ["550 5.1.1 <a@b>: User unknown", { statusClass: "5", subject: "1" }],
    ["452 4.2.2 Mailbox full", { statusClass: "4", subject: "2" }],
    ["421 4.4.2 mx: Connection timed out", { statusClass: "4", subject: "4" }],
    ["554 5.7.1 blocked using zen.spamhaus.org", { statusClass: "5", subject: "7" }],
    ["550 Requested action not taken", { statusClass: "5", subject: "unknown" }],
    ["250 2.0.0 OK", { statusClass: "unknown", subject: "unknown" }],
    ["Connection reset by peer", { statusClass: "unknown", subject: "unknown" }],
    ["550 5.9.9 something new", { statusClass: "5", subject: "unknown" }],
  ])("%s", (message, expected) => {
    expect(classify(message)).toEqual(expected);
  });
});
