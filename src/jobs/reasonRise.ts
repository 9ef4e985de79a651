// Early warning: a sudden rise of errors saying the sending IP is blocked, the mail is taken
// for spam, or the sending domain fails authentication is often the first sign of a hacked
// site or a blocklisting, before the provider stops the hosting. After each collection, a
// hosting that got new errors has its last hour read by reason and compared with its usual
// rate (the day before that hour); a rise posts one alert per incident, with a Block offer.
// The incident ends when the hour is quiet again; a later rise is a new incident.
import * as z from "../zod.ts";
import { channelLanguage } from "../core/announce.ts";
import { HOLD_MS } from "../core/holds.ts";
import type { Services } from "../core/services.ts";
import type { ErrorSource } from "./errorLog.ts";
import { JobState } from "./jobState.ts";
import { offerButtons } from "./offers.ts";
import type { PostLedger } from "./postLedger.ts";
import { WARNING_REASONS, type Reason } from "./reasons/reasons.ts";
import { DiagnosisCache } from "./report/summarize.ts";
import { type Rise, riseOffers, riseReply } from "./riseAlert.ts";

export const RISE_WINDOW_MS = 60 * 60_000;
const BASELINE_MS = 24 * 60 * 60_000;
/** Warning errors in the last hour before it can be a rise at all. */
export const RISE_MIN_ERRORS = 20;
/** Times the usual hourly rate. */
export const RISE_FACTOR = 5;
/** Under this in the last hour, the incident is over. */
const QUIET_ERRORS = 5;

const riseStateSchema = z.object({
  /** The open incident per hosting: its alert, and when the rise was last seen. */
  open: z.record(
    z.string(),
    z.object({ key: z.string(), openedAt: z.number(), lastSeenAt: z.number() }),
  ),
});

export class ReasonRise {
  private readonly state: JobState<typeof riseStateSchema>;

  constructor(
    private readonly services: Services,
    private readonly ledger: PostLedger,
    private readonly errors: ErrorSource,
    private readonly timeZone: string,
  ) {
    this.state = new JobState(services.store, "reasonRise", riseStateSchema, () => ({ open: {} }));
  }

  async load(): Promise<void> {
    await this.state.load();
  }

  /** Looks at the hostings that just got new errors; returns the alerts posted. */
  async check(hostings: readonly string[]): Promise<number> {
    if (hostings.length === 0) return 0;
    const now = this.services.clock.now();
    const windowFrom = now - RISE_WINDOW_MS;
    const cache = new DiagnosisCache();
    const counts = new Map<
      string,
      { now: Map<Reason, number>; usual: Map<Reason, number>; lists: Set<string> }
    >();
    // Counted as they are read: a day of a flooded hosting's errors is never held at once.
    await this.errors.scan(windowFrom - BASELINE_MS, now + 1, new Set(hostings), (error) => {
      const { reason, blocklist } = cache.diagnose(error.message);
      if (!WARNING_REASONS.includes(reason)) return;
      const entry = counts.get(error.hosting) ?? {
        now: new Map(),
        usual: new Map(),
        lists: new Set(),
      };
      const into = error.at >= windowFrom ? entry.now : entry.usual;
      into.set(reason, (into.get(reason) ?? 0) + 1);
      if (blocklist && error.at >= windowFrom) entry.lists.add(blocklist);
      counts.set(error.hosting, entry);
    });
    const state = await this.state.load();
    let posted = 0;
    for (const hosting of hostings) {
      const entry = counts.get(hosting);
      const total = entry ? [...entry.now.values()].reduce((a, b) => a + b, 0) : 0;
      const open = state.open[hosting];
      if (open) {
        const ongoing = total >= QUIET_ERRORS && now - open.lastSeenAt <= RISE_WINDOW_MS;
        if (ongoing) {
          open.lastSeenAt = now;
          continue;
        }
        // Quiet again (or quiet for an hour before this burst): the incident is over.
        delete state.open[hosting];
      }
      if (!entry || total < RISE_MIN_ERRORS) continue;
      const usualTotal = [...entry.usual.values()].reduce((a, b) => a + b, 0);
      const usualPerHour = (usualTotal * RISE_WINDOW_MS) / BASELINE_MS;
      if (total < RISE_FACTOR * Math.max(usualPerHour, 1)) continue;
      const rise: Rise = {
        hosting,
        at: now,
        reasons: WARNING_REASONS.filter((r) => (entry.now.get(r) ?? 0) > 0).map((reason) => ({
          reason,
          count: entry.now.get(reason) ?? 0,
          usual: Math.round(((entry.usual.get(reason) ?? 0) * RISE_WINDOW_MS) / BASELINE_MS),
        })),
        blocklists: [...entry.lists].sort(),
      };
      const key = `rise:${hosting}:${now}`;
      const language = channelLanguage(this.services, hosting);
      const buttons = await offerButtons(
        this.services.store,
        { hosting, language, now, expiresAt: now + HOLD_MS },
        riseOffers(language),
      );
      // Open once a channel took it: otherwise the next collection tries again.
      if (
        await this.ledger.postOnce(key, riseReply(language, this.timeZone, rise, buttons), {
          hosting,
        })
      ) {
        state.open[hosting] = { key, openedAt: now, lastSeenAt: now };
        posted += 1;
      }
    }
    await this.state.save();
    return posted;
  }
}
