// The report as a platform-neutral card, in one language. Long lists end with "and N more":
// nothing is cut silently.
import { cardText } from "../../core/cards/cardText.ts";
import { stateLabel, stateTone } from "../../core/cards/stateWords.ts";
import { hostingErrorText } from "../../core/errorText.ts";
import type { Block, Card, Reply, Tone } from "../../core/reply.ts";
import { HostingError, type HostingMail, isUnreachable } from "../../hosting/port.ts";
import { voiceOf } from "../../i18n/voice.ts";
import type { Language } from "../../i18n/index.ts";
import type { HostingReport, ReportData } from "./reportData.ts";
import { adviceFor, reasonLines } from "./reasonLines.ts";
import type { Ranked, ReasonGroup } from "./summarize.ts";

const SHOWN_RANKED = 5;
/** Hostings with errors shown in detail; the others are listed. At most 4 blocks each keeps
 * the whole card under Slack's 50 blocks. */
const DETAILED_HOSTINGS = 8;
const SHOWN_NOTES = 10;
const SHOWN_NAMES = 20;
/** Recipient domains per reason in the machine output. */
const JSON_DOMAINS = 5;

export interface ReportView {
  language: Language;
  timeZone: string;
  /** The daily job's post (vs. `/mail report` on demand). */
  scheduled: boolean;
  /** The scheduled time it was due, when posted late. */
  lateSince?: number;
}

export function renderReport(data: ReportData, view: ReportView): Reply {
  const { t, number, dateTime: when } = voiceOf(view.language, view.timeZone);
  const item = (i: Ranked) => t("jobs:report.item", { name: i.name, count: number(i.count) });
  const list = (items: Ranked[], shown = SHOWN_RANKED) => {
    const parts = items.slice(0, shown).map(item);
    if (items.length > shown) parts.push(t("report.more", { count: items.length - shown }));
    return parts.join(", ");
  };

  const blocks: Block[] = [{ type: "context", text: t("jobs:report.period", { from: when(data.from), to: when(data.to) }) }];
  // From when the errors it counts (and the chart's bars) reach: earlier days are "no data".
  if (data.dataFrom !== undefined) blocks.push({ type: "context", text: t("jobs:report.dataFrom", { date: when(data.dataFrom) }) });
  if (view.lateSince !== undefined) blocks.push({ type: "context", text: t("jobs:report.late", { time: when(view.lateSince) }) });
  const withErrors = data.hostings
    .filter((h) => h.summary.total > 0)
    .sort((a, b) => b.summary.total - a.summary.total || a.hosting.localeCompare(b.hosting));
  // "Without errors" only where the errors could be read.
  const quiet = data.hostings.filter((h) => h.summary.total === 0 && !h.unread.includes("errors"));
  const unreadable = data.hostings.filter((h) => h.summary.total === 0 && h.unread.includes("errors"));
  const nothingRead = data.hostings.length > 0 && data.hostings.every((h) => h.unread.length === 3);
  if (nothingRead) {
    const why = data.hostings.find((h) => h.unreadWhy !== undefined)?.unreadWhy;
    blocks.push({ type: "text", text: t("jobs:report.nothingRead", { reason: reasonOf(why) }) });
  }

  for (const h of withErrors.slice(0, DETAILED_HOSTINGS)) {
    blocks.push({ type: "divider" }, { type: "fields", fields: [{ label: h.hosting, value: headline(h) }] });
    const lines = reasonLines(t, number, item, h.summary);
    lines.push(t("jobs:report.domains", { list: list(h.summary.domains) }));
    lines.push(t("jobs:report.recipients", { list: list(h.summary.recipients) }));
    blocks.push({ type: "text", text: lines.join("\n") });
    // Under its hosting, as a context block (one line each): never in its fields nor the chart.
    const context = [...(h.mail ? [overall(h.summary.total, h.mail)] : []), ...notes(h)];
    if (context.length > 0) blocks.push({ type: "context", text: context.join("\n") });
  }
  const rest = withErrors.slice(DETAILED_HOSTINGS);
  if (rest.length > 0) {
    blocks.push({ type: "divider" }, {
      type: "text",
      text: t("jobs:report.moreHostings", {
        count: rest.length,
        list: list(rest.map((h) => ({ name: h.hosting, count: h.summary.total })), SHOWN_NAMES),
      }),
    });
    pushNotes(rest);
  }
  if (quiet.length > 0) {
    const names = quiet.slice(0, SHOWN_NAMES).map((h) => quietName(h));
    if (quiet.length > SHOWN_NAMES) names.push(t("report.more", { count: quiet.length - SHOWN_NAMES }));
    blocks.push({ type: "divider" }, { type: "text", text: t("jobs:report.quiet", { count: quiet.length, list: names.join(", ") }) });
    pushNotes(quiet);
  }

  if (unreadable.length > 0 && !nothingRead) {
    blocks.push({ type: "divider" }, { type: "text", text: t("jobs:report.unreadable", { count: unreadable.length }) });
    pushNotes(unreadable);
  }

  const title = t(view.scheduled ? "jobs:report.titleDaily" : "report.title");
  const card: Card = { title, tone: toneOf(data), blocks };
  // One advice line per reason and blocklist, not one per hosting.
  const advice = new Map<string, string>();
  const adviceOnce = (g: ReasonGroup) => {
    const key = `${g.reason}|${g.blocklists[0]?.name ?? ""}`;
    const known = advice.get(key);
    if (known !== undefined) return known;
    const line = adviceFor(t, g);
    advice.set(key, line);
    return line;
  };
  const json = data.hostings.map((h) => ({
    name: h.hosting,
    state: h.mail?.state ?? null,
    errors: h.summary.total,
    sent: h.sent ?? null,
    reasons: h.summary.reasons.map((g) => ({
      reason: g.reason,
      class: g.class,
      count: g.count,
      permanent: g.permanent,
      temporary: g.temporary,
      before: g.before ?? null,
      example: g.example,
      domains: g.domains.slice(0, JSON_DOMAINS),
      blocklists: g.blocklists.map((b) => b.name),
      advice: adviceOnce(g),
    })),
    complete: h.gaps.length === 0 && h.unread.length === 0,
    dataFrom: h.dataFrom ?? null,
  }));
  // The chart's days (calendar days of the team's zone); null: no data that day, never 0.
  const days = data.days.map((d) => ({
    day: new Date(d.day).toISOString().slice(0, 10),
    sent: d.sent,
    errors: d.errors,
    ...(d.partial ? { partial: true } : {}),
  }));
  const reply: Reply = {
    text: cardText(card),
    card,
    visibility: view.scheduled ? "channel" : "requester",
    data: { from: data.from, to: data.to, dataFrom: data.dataFrom ?? null, hostings: json, days },
  };
  // A report that could read nothing is a failure (a one-shot `report` exits non-zero); when
  // the provider could not be reached for any hosting, the failure says so (its exit code).
  if (!nothingRead) return reply;
  const unreachable = data.hostings.every((h) => isUnreachable(h.unreadWhy));
  return { ...reply, failed: true, ...(unreachable ? { failedAs: "unreachable" as const } : {}) };

  /** The notes of hostings listed in one line each: one block, so the card stays within chat limits. */
  function pushNotes(hostings: HostingReport[]): void {
    const all = hostings.flatMap((h) => notes(h).map((note) => `${h.hosting}: ${note}`));
    if (all.length === 0) return;
    const shown = all.slice(0, SHOWN_NOTES);
    if (all.length > SHOWN_NOTES) shown.push(t("report.more", { count: all.length - SHOWN_NOTES }));
    blocks.push({ type: "context", text: shown.join("\n") });
  }

  function headline(h: HostingReport): string {
    const sent = h.sent === undefined ? t("jobs:report.unknown") : number(h.sent);
    const rate = h.sent ? voiceOf(view.language, view.timeZone).percent(h.summary.total / h.sent) : "–";
    const state = h.mail ? stateLabel(t, h.mail.state, h.mail.stateName) : t("jobs:report.unknown");
    return t("jobs:report.headline", { state, count: h.summary.total, errors: number(h.summary.total), sent, rate });
  }

  function overall(count: number, mail: HostingMail): string {
    const share = mail.sent > 0 ? voiceOf(view.language, view.timeZone).percent(mail.bounce / mail.sent) : "–";
    return t("report.summary", { count, sent: number(mail.sentToday), share });
  }

  function quietName(h: HostingReport): string {
    return h.mail && h.mail.state !== "ok" ? `${h.hosting} (${stateLabel(t, h.mail.state, h.mail.stateName)})` : h.hosting;
  }

  function notes(h: HostingReport): string[] {
    const out = h.gaps.map((g) =>
      g.from <= 0
        ? t("jobs:report.gapStart", { to: when(g.to) })
        : t("jobs:report.gap", { from: when(g.from), to: when(g.to) }),
    );
    if (h.unread.length > 0) {
      const parts = h.unread.map((what) => t(`jobs:report.part.${what}`)).join(", ");
      out.push(t("jobs:report.notRead", { parts, reason: reasonOf(h.unreadWhy) }));
    }
    return out;
  }

  /** The provider's fault in one line (a 403 names the missing right), without the hosting's name. */
  function reasonOf(error: unknown): string {
    return error instanceof HostingError ? hostingErrorText(t, error, { nameHosting: false }) : t("jobs:report.noReason");
  }
}

function toneOf(data: ReportData): Tone {
  const tones = data.hostings.map((h) => (h.mail ? stateTone(h.mail.state) : "warning"));
  if (tones.includes("danger") || data.hostings.every((h) => h.unread.length === 3)) return "danger";
  if (tones.includes("warning") || data.hostings.some((h) => h.gaps.length > 0 || h.unread.length > 0)) return "warning";
  return "info";
}
