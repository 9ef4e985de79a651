// Intent before effect: a confirmed action is recorded as "executing" before the provider is
// called. One left executing by a process that died (a kill, a crash, a power cut) is settled
// here, at start-up and by the follower, by reading the hosting's state back: executed, failed
// or unknown, recorded in the audit and announced. The action itself is never sent again.
import { mutationTitle } from "./cards/mutationTitle.ts";
import { hostname } from "node:os";
import { type HostingMail, isSending, isStopped } from "../hosting/port.ts";
import type { Confirmation } from "../store/schema.ts";
import { channelVoice } from "./announce.ts";
import { stateLabel } from "./cards/stateWords.ts";
import { cardText } from "./cards/cardText.ts";
import { EXECUTOR, inFlight } from "./inFlight.ts";
import type { Card, Reply } from "./reply.ts";
import type { Services } from "./services.ts";

export type Verdict = "done" | "failed" | "unknown";

/** An action claimed on another machine is left to it this long (its process cannot be checked). */
const FOREIGN_GRACE_MS = 10 * 60_000;

/** What the state read back says about an action that may or may not have reached the provider. */
export function readBack(c: Pick<Confirmation, "mutation" | "args">, mail: HostingMail): Verdict {
  switch (c.mutation) {
    case "block":
      if (mail.state === "unknown") return "unknown";
      return isStopped(mail.state) ? "done" : "failed";
    case "unblock":
      return isSending(mail.state) ? "done" : "unknown";
    case "purge":
      return mail.state === "purging" ? "done" : "unknown";
    case "recipient":
      return mail.reportRecipient === c.args.email ? "done" : "failed";
  }
}

/** Whether the process that claimed `c` may still be carrying it out. */
function stillRunning(c: Confirmation, now: number): boolean {
  if (inFlight.has(c.token)) return true;
  const [host, pidText] = (c.executor ?? "").split("/");
  const pid = Number(pidText);
  if (!c.executor || host !== hostname() || !Number.isInteger(pid)) return now - (c.decidedAt ?? 0) < FOREIGN_GRACE_MS;
  if (c.executor === EXECUTOR) return false; // this process, and not in flight: it died before (pid reused)
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Settles every action left executing by a process that is gone; returns how many. */
export async function reconcile(services: Services): Promise<number> {
  const { store, provider, clock, logger } = services;
  let settled = 0;
  for (const c of await store.confirmations.executing()) {
    if (stillRunning(c, clock.now())) continue;
    let mail: HostingMail;
    try {
      mail = await provider.getMail(c.hosting);
    } catch (error) {
      logger.warn({ err: error, hosting: c.hosting }, "cannot read the state of an interrupted action; will try again");
      continue;
    }
    const verdict = readBack(c, mail);
    const by = c.decidedBy ?? c.requester ?? { platform: "", id: "", name: "" };
    // How it ended: the verdict, or what a record already written by the interrupted finish says.
    const ended = await store.confirmations.finish(
      c.token,
      verdict,
      {
        event: verdict === "done" ? "executed" : verdict,
        platform: by.platform,
        actorId: by.id,
        actorName: by.name,
        channel: c.decidedIn?.channel ?? c.channel,
        command: c.mutation,
        hosting: c.hosting,
        outcome: `reconciled:${mail.state}`,
      },
      clock.now(),
    );
    if (!ended) continue;
    settled += 1;
    if (ended === "done" && c.mutation === "block") await store.holds.record(c.hosting, { since: c.decidedAt ?? clock.now(), exact: true });
    logger.warn({ hosting: c.hosting, action: c.mutation, verdict: ended, state: mail.state }, "interrupted action reconciled");
    await services.notifier.post(reconcileReply(services, c, ended, mail), { hosting: c.hosting });
  }
  return settled;
}

function reconcileReply(services: Services, c: Confirmation, verdict: Verdict, mail: HostingMail): Reply {
  const { t, dateTime } = channelVoice(services, c.hosting);
  const time = dateTime(c.decidedAt ?? c.createdAt);
  const name = c.decidedBy?.name ?? "";
  const card: Card = {
    title: mutationTitle({ t }, c),
    tone: verdict === "done" ? "success" : verdict === "failed" ? "danger" : "warning",
    blocks: [
      { type: "text", text: t("reconcile.lead", { name, time }) },
      { type: "text", text: t(`reconcile.${verdict}`, { state: stateLabel(t, mail.state) }) },
    ],
  };
  // An action confirmed that did not take effect failed: marked so (✗), unlike one not known.
  return { text: cardText(card), card, visibility: "channel", ...(verdict === "failed" ? { failed: true } : {}) };
}
