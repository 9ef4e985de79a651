import { describe, expect, it } from "vitest";
import type { HostingReport, ReportData } from "../../src/jobs/report/reportData.ts";
import { renderReport } from "../../src/jobs/report/renderReport.ts";
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

describe("errors by reason", () => {
  const at = (message: string | null, to: string | null = "x@gmail.com") => ({ to, message });

  it("ranks the reasons by count, with the split, the domains and the change since the period before", () => {
    const errors = [
      ...Array.from({ length: 5 }, (_, k) =>
        at("550 5.1.1 User unknown", `u${k}@${k % 2 ? "orange.fr" : "gmail.com"}`),
      ),
      at("452 4.2.2 Mailbox full"),
      at("552 5.2.2 Mailbox full"),
      at("Unauthenticated email from shop.fr is not accepted due to domain's DMARC policy"),
      at(null, null),
    ];
    const before = [
      at("550 5.1.1 User unknown"),
      at("552 5.2.2 Mailbox full"),
      at("552 5.2.2 Mailbox full"),
      at("552 5.2.2 Mailbox full"),
    ];
    const summary = summarize(errors, { before });
    expect(
      summary.reasons.map((g) => [g.reason, g.count, g.permanent, g.temporary, g.before]),
    ).toEqual([
      ["recipient_unknown", 5, 5, 0, 1],
      ["mailbox_full", 2, 1, 1, 3],
      ["authentication", 1, 1, 0, 0],
      ["other", 1, 1, 0, 0],
    ]);
    expect(summary.reasons[0]!.domains).toEqual([
      { name: "gmail.com", count: 3 },
      { name: "orange.fr", count: 2 },
    ]);
    const hosting: HostingReport = {
      hosting: "shop.fr",
      mail,
      summary,
      sent: 1000,
      gaps: [],
      unread: [],
    };
    const reply = renderReport(
      { from: T - 86_400_000, to: T, hostings: [hosting], days: [] },
      { language: "en", timeZone: "UTC", scheduled: true },
    );
    expect(reply.text).toContain(
      "Recipient unknown: 5 (permanent) · ↑ from 1 · gmail.com (3), orange.fr (2)",
    );
    expect(reply.text).toContain("Mailbox full: 2 (1 permanent, 1 temporary) · ↓ from 3");
    expect(reply.text).toContain("Sender authentication (SPF, DKIM, DMARC): 1 (permanent) · new");
    expect(reply.text).toContain("→ Publish SPF and DKIM records for the sending domain");
    const json = (
      reply.data as { hostings: { name: string; reasons: Record<string, unknown>[] }[] }
    ).hostings[0]!;
    expect(json.name).toBe("shop.fr");
    expect(json.reasons[0]).toMatchObject({
      reason: "recipient_unknown",
      class: 5,
      count: 5,
      example: "550 5.1.1 User unknown",
      domains: [
        { name: "gmail.com", count: 3 },
        { name: "orange.fr", count: 2 },
      ],
    });
    expect(json.reasons[0]!.advice).toMatch(/^Clean the list/);
  });

  it("takes as example the text that came most often, whatever the address in it", () => {
    const summary = summarize([
      at("550 5.1.1 <a@x.fr>: No such user"),
      at("550 5.1.1 <b@y.fr>: Recipient address rejected: User unknown"),
      at("550 5.1.1 <c@z.fr>: Recipient address rejected: User unknown"),
    ]);
    expect(summary.reasons[0]!.example).toBe("550 5.1.1 <b@y.fr>: Recipient address rejected: User unknown");
  });

  it("never hides a large `other` behind the reasons shown", () => {
    const texts = [
      "550 5.1.1 User unknown",
      "552 5.2.2 Mailbox full",
      "552 5.3.4 Message too big",
      "550 5.7.1 Relay access denied",
      "Connection timed out",
      "550 5.7.1 Message rejected as spam",
    ];
    const errors = [
      ...texts.flatMap((m, i) => Array.from({ length: 20 - i }, () => at(m))),
      ...Array.from({ length: 12 }, () => at("Something odd")),
    ];
    const hosting: HostingReport = {
      hosting: "shop.fr",
      mail,
      summary: summarize(errors),
      sent: 1000,
      gaps: [],
      unread: [],
    };
    const text = renderReport(
      { from: T - 86_400_000, to: T, hostings: [hosting], days: [] },
      { language: "en", timeZone: "UTC", scheduled: true },
    ).text;
    expect(text).toContain("Other: 12 (permanent)");
    expect(text).toContain(
      "and 2 more reasons: Receiving server unreachable (16), Taken for spam (15)",
    );
  });

  it("names the blocklist in the advice, in the reader's language", () => {
    const summary = summarize([
      at("554 5.7.1 Client host [46.105.1.2] blocked using zen.spamhaus.org"),
    ]);
    const hosting: HostingReport = {
      hosting: "shop.fr",
      mail,
      summary,
      sent: 1000,
      gaps: [],
      unread: [],
    };
    const text = renderReport(
      { from: T - 86_400_000, to: T, hostings: [hosting], days: [] },
      { language: "fi", timeZone: "UTC", scheduled: true },
    ).text;
    expect(text).toContain("Lähettävä palvelin estetty: 1 (pysyviä)");
    expect(text).toContain("Spamhaus-listalla");
  });
});
