// SMTP answers seen in hosting error logs, weighted roughly by how common they are.
import type { Rng } from "./rng.ts";

type Answer = (to: string, rng: Rng) => string;

const ovhIp = (rng: Rng): string => `46.105.${rng.int(0, 255)}.${rng.int(1, 254)}`;
const mxOf = (to: string): string => `mx.${to.slice(to.indexOf("@") + 1)}`;

const ORDINARY: ReadonlyArray<[number, Answer]> = [
  [
    40,
    (to) => `550 5.1.1 <${to}>: Recipient address rejected: User unknown in virtual mailbox table`,
  ],
  [15, (to) => `452 4.2.2 <${to}>: Mailbox full`],
  [
    8,
    (_to, rng) =>
      `554 5.7.1 Service unavailable; Client host [${ovhIp(rng)}] blocked using zen.spamhaus.org`,
  ],
  [8, () => "550 5.7.26 This mail is unauthenticated (DMARC)"],
  [10, (to) => `421 4.4.2 ${mxOf(to)}: Connection timed out`],
  [9, () => "550 5.4.1 Recipient address rejected: Access denied"],
  [10, () => "451 4.7.1 Greylisted, please try again later"],
];

const SPAM: ReadonlyArray<[number, Answer]> = [
  [35, () => "550 5.7.1 Message rejected as spam by Content Filtering"],
  [
    25,
    (_to, rng) =>
      `554 5.7.1 Service unavailable; Client host [${ovhIp(rng)}] blocked using zen.spamhaus.org`,
  ],
  [
    25,
    (to) => `550 5.1.1 <${to}>: Recipient address rejected: User unknown in virtual mailbox table`,
  ],
  [15, () => "550 5.7.26 This mail is unauthenticated (DMARC)"],
];

function pickWeighted(rng: Rng, answers: ReadonlyArray<[number, Answer]>): Answer {
  const total = answers.reduce((sum, [weight]) => sum + weight, 0);
  let roll = rng.next() * total;
  for (const [weight, answer] of answers) {
    roll -= weight;
    if (roll < 0) return answer;
  }
  return answers[0]![1];
}

export function smtpAnswer(rng: Rng, to: string, spammy = false): string {
  return pickWeighted(rng, spammy ? SPAM : ORDINARY)(to, rng);
}
