// Collected errors, append-only JSONL beside the data file (DESIGN.md), bounded by age.
import type { Clock } from "../clock.ts";
import { AppendLog } from "../store/appendLog.ts";

export interface CollectedError {
  /** When the error happened (the provider's date), ms. */
  at: number;
  hosting: string;
  to: string;
  message: string;
}

/** Far above any realistic count: age is the real bound. */
const MAX_RECORDS = 5_000_000;

/** Where collected errors are kept: the JSONL file, or memory for a one-off report. */
export interface ErrorSource {
  appendAll(errors: readonly CollectedError[]): Promise<void>;
  between(from: number, to: number, hostings?: ReadonlySet<string>): Promise<CollectedError[]>;
}

export class MemoryErrorLog implements ErrorSource {
  private readonly kept: CollectedError[] = [];
  async appendAll(errors: readonly CollectedError[]): Promise<void> {
    this.kept.push(...errors);
  }
  async between(from: number, to: number, hostings?: ReadonlySet<string>): Promise<CollectedError[]> {
    return this.kept.filter((e) => e.at >= from && e.at < to && (!hostings || hostings.has(e.hosting)));
  }
}

export class ErrorLog implements ErrorSource {
  private constructor(private readonly log: AppendLog<CollectedError>) {}

  static async open(file: string, retentionMs: number, clock: Clock): Promise<ErrorLog> {
    return new ErrorLog(await AppendLog.open(file, { maxRecords: MAX_RECORDS, maxAgeMs: retentionMs }, clock));
  }

  async appendAll(errors: readonly CollectedError[]): Promise<void> {
    for (const error of errors) await this.log.append(error);
  }

  /**
   * Errors with `from <= at < to`, for the given hostings (all when omitted). An error appended
   * twice (a crash between the append and the cursor's save) counts once.
   */
  async between(from: number, to: number, hostings?: ReadonlySet<string>): Promise<CollectedError[]> {
    const all = await this.log.readAll();
    const seen = new Set<string>();
    return all.filter((e) => {
      if (e.at < from || e.at >= to || (hostings && !hostings.has(e.hosting))) return false;
      const key = JSON.stringify([e.hosting, e.at, e.to, e.message]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}
