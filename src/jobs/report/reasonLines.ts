// A hosting's errors by reason, as the report reads: the reasons ranked by count, each with
// its temporary/permanent split, the change since the period before, the top recipient
// domains, a typical example and one line of what to do. `other` is shown whenever it is a
// large share, even when more reasons were counted than fit.
import type { Translate } from "../../i18n/index.ts";
import type { ErrorSummary, Ranked, ReasonGroup } from "./summarize.ts";

export const SHOWN_REASONS = 5;
const SHOWN_DOMAINS = 3;
const EXAMPLE_CHARS = 110;
/** `other` is always shown from this share of a hosting's errors on. */
const LARGE_OTHER = 0.1;

/** What to do about one reason, in the reader's language. */
export function adviceFor(t: Translate, group: ReasonGroup): string {
  const list = group.blocklists[0]?.name;
  if (group.reason === "sender_blocked" && list) return t("jobs:report.adviceListed", { list });
  return t(`jobs:report.advice.${group.reason}`);
}

/** The groups shown in detail: the largest, plus `other` when it is large. */
export function shownReasons(summary: ErrorSummary): ReasonGroup[] {
  const shown = summary.reasons.slice(0, SHOWN_REASONS);
  const other = summary.reasons.find((g) => g.reason === "other");
  if (other && !shown.includes(other) && other.count >= LARGE_OTHER * summary.total) {
    shown[shown.length - 1] = other;
  }
  return shown;
}

export function reasonLines(
  t: Translate,
  number: (n: number) => string,
  item: (r: Ranked) => string,
  summary: ErrorSummary,
): string[] {
  const shown = shownReasons(summary);
  const lines = shown.flatMap((group) => {
    const parts = [
      t("jobs:report.reason", {
        name: t(`jobs:report.reasons.${group.reason}`),
        count: number(group.count),
        split: split(group),
      }),
    ];
    const trend = trendOf(t, number, group);
    if (trend) parts.push(trend);
    if (group.domains.length > 0)
      parts.push(group.domains.slice(0, SHOWN_DOMAINS).map(item).join(", "));
    const example =
      group.example.length > EXAMPLE_CHARS
        ? `${group.example.slice(0, EXAMPLE_CHARS)}…`
        : group.example;
    return [
      parts.join(" · "),
      `   ${t("jobs:report.example", { example })}`,
      `   → ${adviceFor(t, group)}`,
    ];
  });
  const hidden = summary.reasons.filter((g) => !shown.includes(g));
  if (hidden.length > 0) {
    lines.push(
      t("jobs:report.moreReasons", {
        count: hidden.length,
        list: hidden
          .map((g) => item({ name: t(`jobs:report.reasons.${g.reason}`), count: g.count }))
          .join(", "),
      }),
    );
  }
  return lines;

  function split(group: ReasonGroup): string {
    if (group.temporary === 0) return t("jobs:report.split.permanent");
    if (group.permanent === 0) return t("jobs:report.split.temporary");
    return t("jobs:report.split.mixed", {
      permanent: number(group.permanent),
      temporary: number(group.temporary),
    });
  }
}

function trendOf(
  t: Translate,
  number: (n: number) => string,
  group: ReasonGroup,
): string | undefined {
  if (group.before === undefined || group.before === group.count) return undefined;
  if (group.before === 0) return t("jobs:report.trend.new");
  return t(group.count > group.before ? "jobs:report.trend.up" : "jobs:report.trend.down", {
    before: number(group.before),
  });
}
