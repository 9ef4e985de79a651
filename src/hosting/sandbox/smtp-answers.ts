// SMTP answers seen in hosting error logs, weighted roughly by how common they are, in the
// shapes real relays report them: about half with an enhanced code (`550 5.1.1 …`), a sixth
// with a basic code at the start (`550 …`), a tenth with a basic code after a prefix
// (`host mx… said: 550 …`), a quarter with text only (`Connection timed out`), and some not
// in English. Each answer names the reason the report should read in it (tests check it).
// Written for the simulator, in the style of common mail servers; not copied from any corpus.
import type { Rng } from "./rng.ts";

type Answer = (to: string, rng: Rng) => string;
type Row = [weight: number, reason: string, answer: Answer];

const ovhIp = (rng: Rng): string => `46.105.${rng.int(0, 255)}.${rng.int(1, 254)}`;
const mxIp = (rng: Rng): string => `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
const domainOf = (to: string): string => to.slice(to.indexOf("@") + 1);
const mxOf = (to: string): string => `mx.${domainOf(to)}`;
/** The recipient's domain mistyped (two letters swapped), as in sign-up forms. */
const typo = (to: string): string => {
  const domain = domainOf(to);
  return domain.length < 3 ? `x${domain}` : `${domain[0]}${domain[2]}${domain[1]}${domain.slice(3)}`;
};
const said = (to: string, rng: Rng, reply: string, stage = "RCPT TO") =>
  `host ${mxOf(to)}[${mxIp(rng)}] said: ${reply} (in reply to ${stage} command)`;

export const ORDINARY: readonly Row[] = [
  // An enhanced code.
  [14, "recipient_unknown", (to) => `550 5.1.1 <${to}>: Recipient address rejected: User unknown in virtual mailbox table`],
  [5, "recipient_unknown", (to) => `550 5.1.1 <${to}>: no such mailbox`],
  [3, "recipient_unknown", (to) => `550 5.1.10 Recipient ${to} not found in the directory`],
  [6, "mailbox_full", (to) => `452 4.2.2 <${to}>: Mailbox full`],
  [2, "mailbox_disabled", (to) => `550 5.2.1 <${to}>: this account has been disabled`],
  [2, "message_too_large", () => "552 5.3.4 Message size exceeds fixed limit of 20 MB"],
  [3, "sender_blocked", (_to, rng) => `554 5.7.1 Service unavailable; Client host [${ovhIp(rng)}] blocked using zen.spamhaus.org`],
  [3, "authentication", () => "550 5.7.26 This mail is unauthenticated (DMARC)"],
  [4, "policy", () => "451 4.7.1 Greylisted, please try again later"],
  [3, "recipient_unknown", () => "550 5.4.1 Recipient address rejected: Access denied"],
  [2, "unreachable", (to) => `421 4.4.2 ${mxOf(to)}: Connection timed out`],
  [2, "rate_limited", () => "421 4.7.0 Too many connections from your IP, try again later"],
  // A basic code at the start.
  [6, "recipient_unknown", (to) => `550 Unknown recipient <${to}>`],
  [3, "mailbox_full", (to) => `552 Quota exceeded for ${to}`],
  [2, "policy", (to) => `554 <${to}>: Relaying denied`],
  [2, "recipient_unknown", (to) => `550 <${to}> Utilisateur inconnu / unknown user`],
  [2, "mailbox_full", () => "552 Mailbox is over its storage quota"],
  // A basic code after a prefix.
  [4, "recipient_unknown", (to, rng) => said(to, rng, `550 <${to}>: no such mailbox here`)],
  [2, "sender_rejected", (to, rng) => said(to, rng, "553 sender domain web42.local does not exist", "MAIL FROM")],
  [2, "recipient_unknown", (to, rng) => said(to, rng, `550 Odbiorca <${to}> nie istnieje`)],
  [2, "spam_content", (to, rng) => said(to, rng, "554 Message refused: content looks like spam", "end of DATA")],
  // Text only.
  [8, "unreachable", (to, rng) => `connect to ${mxOf(to)}[${mxIp(rng)}]:25: Connection timed out`],
  [6, "domain_unknown", (to) => `Host or domain name not found: no mail server for ${typo(to)}`],
  [4, "unreachable", (to) => `Message expired after 5 days in the queue: ${mxOf(to)} never answered`],
  [3, "unreachable", (to, rng) => `lost connection with ${mxOf(to)}[${mxIp(rng)}] while receiving the initial greeting`],
  [1, "domain_unknown", (to) => `Die Domain ${typo(to)} existiert nicht`],
  [1, "mailbox_full", (to) => `Buzón lleno: ${to}`],
  [1, "recipient_unknown", (to) => `Utente sconosciuto: ${to}`],
  [1, "mailbox_disabled", (to) => `Het account ${to} is uitgeschakeld`],
];

/** A hosting sending spam: blocklists, spam filters, failed authentication, dead addresses. */
export const SPAM: readonly Row[] = [
  [20, "spam_content", () => "550 5.7.1 Message rejected as spam by Content Filtering"],
  [15, "sender_blocked", (_to, rng) => `554 5.7.1 Service unavailable; Client host [${ovhIp(rng)}] blocked using zen.spamhaus.org`],
  [6, "sender_blocked", (to, rng) => said(to, rng, `554 Your IP ${ovhIp(rng)} is listed on b.barracudacentral.org`)],
  [8, "spam_content", () => "554 Message refused: spam score too high"],
  [6, "spam_content", () => "Rejected: the message looks like unsolicited bulk mail"],
  [6, "sender_blocked", () => "Mail refused: the sending IP has a poor reputation"],
  [10, "authentication", () => "550 5.7.26 This mail is unauthenticated (DMARC)"],
  [5, "authentication", () => "550 SPF check failed for the sending domain"],
  [20, "recipient_unknown", (to) => `550 5.1.1 <${to}>: Recipient address rejected: User unknown in virtual mailbox table`],
  [4, "spam_content", (to) => `Message considéré comme spam par ${mxOf(to)}`],
];

function pickWeighted(rng: Rng, rows: readonly Row[]): Answer {
  const total = rows.reduce((sum, [weight]) => sum + weight, 0);
  let roll = rng.next() * total;
  for (const [weight, , answer] of rows) {
    roll -= weight;
    if (roll < 0) return answer;
  }
  return rows[0]![2];
}

export function smtpAnswer(rng: Rng, to: string, spammy = false): string {
  return pickWeighted(rng, spammy ? SPAM : ORDINARY)(to, rng);
}
