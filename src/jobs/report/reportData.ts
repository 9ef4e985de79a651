// Gathers what a report shows: errors over the period (from the collected log), sent
// volume, current state, possible gaps, and 14 days of history for the chart.
import type { HostingMail, HostingProvider, Volume } from "../../hosting/port.ts";
import { calendarDay, instantOf, volumeDay, zonedMidnight } from "../../hosting/providerDate.ts";
import type { Collector, Gap } from "../collector.ts";
import type { ErrorSource } from "../errorLog.ts";
import { mapLimit } from "../../core/mapLimit.ts";
import { ProviderPass, type Sleep } from "../retry.ts";
import type { JobSettings } from "../settings.ts";
import { DiagnosisCache, type ErrorSummary, SummaryBuilder } from "./summarize.ts";

export const DAY_MS = 86_400_000;
export const CHART_DAYS = 14;
const IN_FLIGHT = 8;

export interface HostingReport {
  hosting: string;
  mail?: HostingMail;
  summary: ErrorSummary;
  /** Estimated mails sent during the period (volumes are per day), undefined if unread. */
  sent?: number;
  gaps: Gap[];
  /** What could not be read from the provider (after retries). */
  unread: ("state" | "volumes" | "errors")[];
  /** Why: the first failure met while reading this hosting (a HostingError, usually). */
  unreadWhy?: unknown;
  /** Since when its collected errors reach (ms): the later of the retention's start and the
   * end of a gap at the start of collection; undefined when its errors were never read. */
  dataFrom?: number;
}

export interface DayPoint {
  /** The calendar day (in the team's time zone) as its UTC midnight, ms. */
  day: number;
  /** null: no data for the day (not read, not collected): drawn as a gap, never as 0. */
  sent: number | null;
  errors: number | null;
  /** Errors seen for part of the day only (data starts during it, or a gap cuts into it):
   * what was seen is drawn, marked as partial. */
  partial?: boolean;
}

export interface ReportData {
  from: number;
  to: number;
  hostings: HostingReport[];
  days: DayPoint[];
  /** Since when the report's errors reach for every hosting read (ms); undefined: none read. */
  dataFrom?: number;
}

export interface ReportDeps {
  provider: HostingProvider;
  errors: ErrorSource;
  collector: Collector;
  settings: JobSettings;
  sleep: Sleep;
}

/** The chart's key for a calendar day: its UTC midnight (the chart labels days in UTC). */
const dayKey = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Mails sent in [from, to), spreading each day's volume evenly over the part of it that has passed. */
export function sentBetween(volumes: readonly Volume[], from: number, to: number, timeZone = "UTC"): number {
  let total = 0;
  for (const { date, volume } of volumes) {
    const start = instantOf(date, timeZone);
    const end = Math.min(start + DAY_MS, to);
    if (!Number.isFinite(start) || end <= start || !volume) continue;
    const overlap = Math.min(end, to) - Math.max(start, from);
    if (overlap > 0) total += (volume * overlap) / (end - start);
  }
  return Math.round(total);
}

/** The chart's day of an instant from `firstDay` on: the team's midnights are worked out once,
 * not formatted again for every error. */
function calendarDays(firstDay: number, lastDay: number, timeZone: string): (at: number) => number {
  const starts: { day: number; at: number }[] = [];
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    starts.push({ day, at: zonedMidnight(calendarDay(day, "UTC"), timeZone) });
  }
  return (at) => {
    for (let i = starts.length - 1; i >= 0; i -= 1) {
      const start = starts[i];
      if (start && at >= start.at) return start.day;
    }
    return dayKey(calendarDay(at, timeZone));
  };
}

export async function gatherReport(
  deps: ReportDeps,
  hostings: readonly string[],
  period: { from: number; to: number },
): Promise<ReportData> {
  const { from, to } = period;
  const { timeZone } = deps.settings;
  // The chart's days are calendar days in the team's time zone, as are its buckets.
  const lastDay = dayKey(calendarDay(to, timeZone));
  const firstDay = lastDay - (CHART_DAYS - 1) * DAY_MS;
  const chartFrom = zonedMidnight(calendarDay(firstDay, "UTC"), timeZone);
  // The period before, of the same length: each reason's count is compared with it.
  const beforeFrom = from - (to - from);
  const names = new Set(hostings);
  // Each error is counted as it is read, into its hosting's summary and its day's bar: what
  // the report keeps follows what it shows, not the number of errors.
  const cache = new DiagnosisCache();
  const builders = new Map(hostings.map((hosting) => [hosting, new SummaryBuilder(cache)]));
  const dayOf = calendarDays(firstDay, lastDay, timeZone);
  const starts: DaySpan[] = [];
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    starts.push({ day, start: zonedMidnight(calendarDay(day, "UTC"), timeZone), end: zonedMidnight(calendarDay(day + DAY_MS, "UTC"), timeZone) });
  }
  const errorsPerDay = new Map<number, number>();
  await deps.errors.scan(Math.min(beforeFrom, chartFrom), to, names, (error) => {
    const builder = builders.get(error.hosting);
    if (error.at >= from) builder?.add(error);
    else if (error.at >= beforeFrom) builder?.addBefore(error);
    if (error.at >= chartFrom) {
      const day = dayOf(error.at);
      errorsPerDay.set(day, (errorsPerDay.get(day) ?? 0) + 1);
    }
  });
  const sentPerDay = new Map<number, number>();
  /** Days whose errors some hosting's collection did not see at all. */
  const errorsUnseen = new Set<number>();
  const errorsPartly = new Set<number>();
  const sentKnown = new Set<number>();
  let volumesUnread = false;
  // During an outage the report goes out with "could not be read" notes rather than waiting.
  const pass = new ProviderPass({ retries: deps.settings.retries, baseMs: deps.settings.retryBaseMs, sleep: deps.sleep });
  const reports = await mapLimit(hostings, IN_FLIGHT, async (hosting): Promise<HostingReport> => {
    const [mail, volumes] = await Promise.all([
      pass.call(() => deps.provider.getMail(hosting)),
      pass.call(() => deps.provider.volumes(hosting)),
    ]);
    const unread: HostingReport["unread"] = [];
    if (!mail.ok) unread.push("state");
    if (!volumes.ok) unread.push("volumes");
    const lastPoll = deps.collector.lastPoll(hosting);
    if (lastPoll === undefined || lastPoll < to - 2 * deps.settings.collectEveryMs) unread.push("errors");
    const unreadWhy = !mail.ok ? mail.error : !volumes.ok ? volumes.error : deps.collector.lastFailure(hosting);
    if (volumes.ok) {
      for (const v of volumes.value) {
        const day = dayKey(volumeDay(v.date, timeZone));
        if (day < firstDay || v.volume === null) continue;
        sentPerDay.set(day, (sentPerDay.get(day) ?? 0) + v.volume);
        sentKnown.add(day);
      }
    } else volumesUnread = true;
    const dataFrom = errorsFrom(deps, hosting, to);
    const coverage = errorCoverage(deps, hosting, dataFrom, starts);
    for (const day of coverage.unseen) errorsUnseen.add(day);
    for (const day of coverage.partly) errorsPartly.add(day);
    return {
      hosting,
      mail: mail.ok ? mail.value : undefined,
      // Compared with the period before only when that was collected in full.
      summary: (builders.get(hosting) ?? new SummaryBuilder(cache)).summary(
        deps.collector.gaps(beforeFrom, from, new Set([hosting])).length === 0,
      ),
      sent: volumes.ok ? sentBetween(volumes.value, from, to, timeZone) : undefined,
      gaps: deps.collector.gaps(from, to, new Set([hosting])),
      unread,
      ...(unread.length > 0 && unreadWhy !== undefined ? { unreadWhy } : {}),
      ...(dataFrom !== undefined ? { dataFrom } : {}),
    };
  });
  // A day some hosting's errors were not collected for, or whose volume is unknown, is no data:
  // drawn as a gap, never as 0.
  const days: DayPoint[] = starts.map(({ day }) => ({
    day,
    sent: volumesUnread || !sentKnown.has(day) ? null : (sentPerDay.get(day) ?? 0),
    errors: errorsUnseen.has(day) ? null : (errorsPerDay.get(day) ?? 0),
    ...(errorsPartly.has(day) && !errorsUnseen.has(day) ? { partial: true } : {}),
  }));
  const reached = reports.map((r) => r.dataFrom).filter((at): at is number => at !== undefined);
  return { from, to, hostings: reports, days, ...(reached.length > 0 ? { dataFrom: Math.max(...reached) } : {}) };
}

/** A chart day: its key (UTC midnight) and its span in the team's zone, ms. */
interface DaySpan {
  day: number;
  start: number;
  end: number;
}

/** Since when a hosting's collected errors reach: not before the retention's start, nor
 * before the end of a gap at the start of collection (its first answer was full). */
function errorsFrom(deps: ReportDeps, hosting: string, to: number): number | undefined {
  if (deps.collector.lastPoll(hosting) === undefined) return undefined;
  const starts = deps.collector.gaps(0, to, new Set([hosting])).filter((g) => g.from <= 0);
  return Math.max(to - deps.settings.retentionMs, ...starts.map((g) => g.to));
}

/** The days whose errors the collection did not see at all for this hosting (before its data
 * starts, after its last read, or within one gap), and those it saw only part of (its data
 * starts during the day, or a gap cuts into it; the day still going on is not "partial"). */
function errorCoverage(
  deps: ReportDeps,
  hosting: string,
  dataFrom: number | undefined,
  days: readonly DaySpan[],
): { unseen: number[]; partly: number[] } {
  const lastPoll = deps.collector.lastPoll(hosting);
  if (dataFrom === undefined || lastPoll === undefined) return { unseen: days.map((d) => d.day), partly: [] };
  const gaps = deps.collector.gaps(days[0]?.start ?? 0, days[days.length - 1]?.end ?? 0, new Set([hosting]));
  const unseen = (d: DaySpan) =>
    d.end <= dataFrom || d.start >= lastPoll || gaps.some((g) => g.from <= d.start && g.to >= d.end);
  const partly = (d: DaySpan) => (d.start < dataFrom && dataFrom < d.end) || gaps.some((g) => g.to > d.start && g.from < d.end);
  return {
    unseen: days.filter(unseen).map((d) => d.day),
    partly: days.filter((d) => !unseen(d) && partly(d)).map((d) => d.day),
  };
}
