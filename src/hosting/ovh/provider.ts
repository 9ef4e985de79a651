// The HostingProvider over the OVHcloud API (DOMAIN.md's routes, used as the control panel
// uses them). After a write whose answer was lost, the state is read back and reported.
import type * as z from "../../zod.ts";
import {
  type Bounce,
  HostingError,
  type HostingMail,
  type HostingProvider,
  isSending,
  MAIL_ACTIONS,
  MAX_BOUNCES_PER_CALL,
  type MailAction,
  MAIL_STATES,
  type MailState,
  type Volume,
} from "../port.ts";
import type { CallLane } from "../callLane.ts";
import type { Outcome, OvhApi } from "./api.ts";
import { bounceList, emailInfo, hostingNames, volumeList } from "./shapes.ts";

const emailPath = (hosting: string) => `/hosting/web/${encodeURIComponent(hosting)}/email`;

export class OvhProvider implements HostingProvider {
  readonly kind = "ovh";

  constructor(
    readonly api: OvhApi,
    /** Whose calls these are, for the fair-use budget: a person's go first. */
    private readonly lane: CallLane = "person",
  ) {}

  forLane(lane: CallLane): OvhProvider {
    return new OvhProvider(this.api, lane);
  }

  /** Calls in flight now and the most ever at once (benchmarks, doctor). */
  stats(): { inFlight: number; peakInFlight: number; concurrency: number } {
    const { limiter } = this.api;
    return { inFlight: limiter.inFlight, peakInFlight: limiter.peak, concurrency: limiter.max };
  }

  async listHostings(): Promise<string[]> {
    return parse(hostingNames, await this.api.read("/hosting/web", {}, undefined, this.lane), "GET /hosting/web");
  }

  async getMail(hosting: string): Promise<HostingMail> {
    const path = emailPath(hosting);
    const info = parse(emailInfo, await this.api.read(path, {}, hosting, this.lane), `GET ${path}`, hosting);
    const { sentToday, maxPerDay, sent, bounce } = info;
    const mail: HostingMail = { state: knownState(info.state), sentToday, maxPerDay, sent, bounce, reportRecipient: info.email ?? "" };
    if (mail.state === "unknown") mail.stateName = info.state;
    return mail;
  }

  async requestAction(hosting: string, action: MailAction): Promise<string> {
    if (!MAIL_ACTIONS.includes(action)) {
      throw new HostingError("invalid", `Unknown action ${JSON.stringify(action)}`, { hosting });
    }
    const outcome = await this.api.write("POST", `${emailPath(hosting)}/request`, { action }, hosting, this.lane);
    if (outcome.ok) return typeof outcome.value === "string" ? outcome.value : JSON.stringify(outcome.value ?? "");
    // A 400 or 409 to an action (whose only field is valid) is a refusal in this state. Its
    // wording is the provider's own and undocumented: the state is read back, never parsed.
    if (outcome.error.code === "refused" || outcome.error.code === "invalid") {
      const state = await this.stateOrUndefined(hosting);
      throw new HostingError("refused", outcome.error.message, { ...outcome.error.details, hosting, action, state });
    }
    throw await this.afterFailedWrite(outcome, hosting, action);
  }

  async setReportRecipient(hosting: string, email: string): Promise<void> {
    const outcome = await this.api.write("PUT", emailPath(hosting), { email }, hosting, this.lane);
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
    // `limit` is required by the published model (at most 100): always sent.
    const answer = await this.noneIfAbsent(hosting, () => this.api.read(path, { limit: count }, hosting, this.lane));
    return parse(bounceList, answer, `GET ${path}`, hosting).map((b) => ({
      date: b.date,
      to: b.to ?? null,
      message: b.message ?? null,
    }));
  }

  async volumes(hosting: string): Promise<Volume[]> {
    const path = `${emailPath(hosting)}/volumes`;
    const answer = await this.noneIfAbsent(hosting, () => this.api.read(path, {}, hosting, this.lane));
    return parse(volumeList, answer, `GET ${path}`, hosting).map((v) => ({ date: v.date, volume: v.volume ?? null }));
  }

  /**
   * The control panel reads a 404 on the errors or the history as "nothing to show". It is
   * also what an unknown hosting gets: the hosting's own object tells the two apart.
   */
  private async noneIfAbsent(hosting: string, read: () => Promise<unknown>): Promise<unknown> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof HostingError) || error.code !== "not_found") throw error;
      await this.getMail(hosting);
      return [];
    }
  }

  /**
   * An action's answer was lost: the state read back says whether it took effect (and the
   * caller reports a success), did not (a failure that says so), or cannot tell.
   */
  private async afterFailedWrite(outcome: Outcome<unknown> & { ok: false }, hosting: string, action: MailAction) {
    if (!outcome.maybeApplied) return outcome.error;
    const mail = await this.readBack(hosting, outcome.error);
    const error = lost(outcome.error, mail.state);
    return new HostingError(error.code, error.message, { ...error.details, action, applied: tookEffect(action, mail.state) }, { cause: error });
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

/**
 * What a state read right after an action says about it. BLOCK: stopped means done (it was
 * offered only while sending). PURGE: purging means done, still stopped means not. UNBLOCK:
 * sending again means done; still stopped cannot tell (the release takes a few minutes).
 */
export function tookEffect(action: MailAction, state: MailState): boolean | undefined {
  const sending = isSending(state);
  if (state === "unknown") return undefined;
  if (action === "BLOCK") return !sending;
  if (action === "PURGE") return state === "purging" ? true : sending ? undefined : false;
  return sending ? true : undefined;
}

const knownState = (word: string): MailState =>
  MAIL_STATES.find((state) => state === word) ?? "unknown";

function parse<T>(schema: z.ZodMiniType<T>, value: unknown, where: string, hosting?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new HostingError("unknown", `OVHcloud answered ${where} with an unexpected shape`, { hosting });
}
