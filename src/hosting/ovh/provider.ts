// The HostingProvider over the OVHcloud API (DOMAIN.md's routes, used as the control panel
// uses them). After a write whose answer was lost, the state is read back and reported.
import type { z } from "zod";
import {
  type Bounce,
  HostingError,
  type HostingMail,
  type HostingProvider,
  MAIL_ACTIONS,
  MAX_BOUNCES_PER_CALL,
  type MailAction,
  type MailState,
  type Volume,
} from "../port.ts";
import type { Outcome, OvhApi } from "./api.ts";
import { bounceList, emailInfo, hostingNames, volumeList } from "./shapes.ts";

const emailPath = (hosting: string) => `/hosting/web/${encodeURIComponent(hosting)}/email`;

export class OvhProvider implements HostingProvider {
  readonly kind = "ovh";

  constructor(readonly api: OvhApi) {}

  /** Calls in flight now and the most ever at once (benchmarks, doctor). */
  stats(): { inFlight: number; peakInFlight: number; concurrency: number } {
    const { limiter } = this.api;
    return { inFlight: limiter.inFlight, peakInFlight: limiter.peak, concurrency: limiter.max };
  }

  async listHostings(): Promise<string[]> {
    return parse(hostingNames, await this.api.read("/hosting/web"), "GET /hosting/web");
  }

  async getMail(hosting: string): Promise<HostingMail> {
    const path = emailPath(hosting);
    const info = parse(emailInfo, await this.api.read(path, {}, hosting), `GET ${path}`, hosting);
    const { state, sentToday, maxPerDay, sent, bounce } = info;
    return { state, sentToday, maxPerDay, sent, bounce, reportRecipient: info.email ?? "" };
  }

  async requestAction(hosting: string, action: MailAction): Promise<string> {
    if (!MAIL_ACTIONS.includes(action)) {
      throw new HostingError("invalid", `Unknown action ${JSON.stringify(action)}`, { hosting });
    }
    const outcome = await this.api.write("POST", `${emailPath(hosting)}/request`, { action }, hosting);
    if (outcome.ok) return typeof outcome.value === "string" ? outcome.value : JSON.stringify(outcome.value ?? "");
    // A 400 to an action (whose only field is valid) is a refusal in this state.
    if (outcome.error.code === "refused" || outcome.error.code === "invalid") {
      const state = outcome.error.details.state ?? (await this.stateOrUndefined(hosting));
      throw new HostingError("refused", outcome.error.message, { ...outcome.error.details, hosting, action, state });
    }
    throw await this.afterFailedWrite(outcome, hosting, action);
  }

  async setReportRecipient(hosting: string, email: string): Promise<void> {
    const outcome = await this.api.write("PUT", emailPath(hosting), { email }, hosting);
    if (outcome.ok) return;
    if (outcome.maybeApplied) {
      const mail = await this.readBack(hosting, outcome.error);
      // The recipient is the only writable field: reading it back settles what happened.
      if (mail.reportRecipient === email) return;
      throw lost(outcome.error, mail.state);
    }
    throw outcome.error;
  }

  async bounces(hosting: string, limit: number): Promise<Bounce[]> {
    if (!Number.isFinite(limit)) throw new HostingError("invalid", `Invalid bounce limit ${limit}`, { hosting });
    const count = Math.max(0, Math.min(Math.floor(limit), MAX_BOUNCES_PER_CALL));
    if (count === 0) return [];
    const path = `${emailPath(hosting)}/bounces`;
    return parse(bounceList, await this.api.read(path, { limit: count }, hosting), `GET ${path}`, hosting);
  }

  async volumes(hosting: string): Promise<Volume[]> {
    const path = `${emailPath(hosting)}/volumes`;
    return parse(volumeList, await this.api.read(path, {}, hosting), `GET ${path}`, hosting);
  }

  /** An action's answer was lost: read the state back so the user is told what it is now. */
  private async afterFailedWrite(outcome: Outcome<unknown> & { ok: false }, hosting: string, action: MailAction) {
    if (!outcome.maybeApplied) return outcome.error;
    const mail = await this.readBack(hosting, outcome.error);
    const error = lost(outcome.error, mail.state);
    return new HostingError(error.code, error.message, { ...error.details, action });
  }

  private async readBack(hosting: string, original: HostingError): Promise<HostingMail> {
    try {
      return await this.getMail(hosting);
    } catch {
      // Still unreachable: say the call failed and the state is unknown (never guess).
      throw original;
    }
  }

  private async stateOrUndefined(hosting: string): Promise<MailState | undefined> {
    try {
      return (await this.getMail(hosting)).state;
    } catch {
      return undefined;
    }
  }
}

function lost(original: HostingError, state: MailState): HostingError {
  return new HostingError(
    "unknown_outcome",
    `The answer was lost (${original.message}); state read back: ${state}`,
    { ...original.details, state },
  );
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string, hosting?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new HostingError("unknown", `OVHcloud answered ${where} with an unexpected shape`, { hosting });
}
