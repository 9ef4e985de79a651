// The audit trail: every request, confirmation, execution, failure and denial.
import type { Clock } from "../clock.ts";
import { AppendLog, type Retention } from "./appendLog.ts";

export type AuditEvent =
  | "request"
  | "confirmed"
  | "cancelled"
  | "executed"
  | "failed"
  | "denied"
  | "expired"
  | "completed";

export interface AuditRecord {
  at: number;
  event: AuditEvent;
  platform: string;
  actorId: string;
  actorName: string;
  channel: string;
  command: string;
  hosting?: string;
  outcome: string;
  /** The provider's reference (task id, query id). */
  reference?: string;
}

export class AuditTrail {
  private constructor(
    private readonly log: AppendLog<AuditRecord>,
    private readonly clock: Clock,
  ) {}

  static async open(file: string, retention: Retention, clock: Clock): Promise<AuditTrail> {
    return new AuditTrail(await AppendLog.open<AuditRecord>(file, retention, clock), clock);
  }

  get size(): number {
    return this.log.size;
  }

  async record(entry: Omit<AuditRecord, "at">): Promise<void> {
    await this.log.append({ at: this.clock.now(), ...entry });
  }

  /** Newest first. */
  async recent(limit: number, hosting?: string): Promise<AuditRecord[]> {
    const all = await this.log.readAll();
    const matching = hosting ? all.filter((r) => r.hosting === hosting) : all;
    return matching.slice(-limit).reverse();
  }
}
