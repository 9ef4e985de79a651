// `/mail report <hosting|all>`: the daily report's content on demand, the core's
// `services.reports`. With the jobs running it uses the errors they collected; without them
// (one-shot CLI) it uses what they kept in the store, reads the provider once on top, and says
// how far back that reaches. Either way the settings are the user's (retention, collection,
// time zone, retries).
import type { Reply } from "../core/reply.ts";
import type { ReportService } from "../core/services.ts";
import type { Language } from "../i18n/index.ts";
import type { OnDemandDeps } from "./reportOnce.ts";
import type { JobSettings } from "./settings.ts";

/** What the running jobs offer: the report over the errors they collected. */
export interface LiveReports {
  onDemand(hostings: string[], language: Language): Promise<Reply>;
}

export class OnDemandReports implements ReportService {
  private live: LiveReports | undefined;

  constructor(
    private readonly deps: OnDemandDeps,
    readonly settings: JobSettings,
  ) {}

  /** The running jobs take over; the returned function hands back (when they stop). */
  attach(live: LiveReports): () => void {
    this.live = live;
    return () => {
      if (this.live === live) this.live = undefined;
    };
  }

  onDemand(hostings: string[], language: Language): Promise<Reply> {
    if (this.live) return this.live.onDemand(hostings, language);
    return this.once(hostings, language);
  }

  private async once(hostings: string[], language: Language): Promise<Reply> {
    const { reportOnce } = await import("./reportOnce.ts");
    return reportOnce(this.deps, this.settings, hostings, language);
  }
}
