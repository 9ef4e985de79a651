// The hostings a sandbox starts with: three demo sites by default, and generated ones
// for benchmarks.
import type { KnownState } from "../port.ts";
import type { Rng } from "./rng.ts";
import type { TrafficProfile } from "./schema.ts";

export interface SandboxHostingSeed {
  /** Service name, e.g. "boulangerie-martin.fr". */
  name: string;
  maxPerDay: number;
  profile: TrafficProfile;
  /** Default `postmaster@<name>`. */
  reportRecipient?: string;
  /** Initial state, default "ok". */
  state?: Exclude<KnownState, "purging">;
  /** Days of synthetic past traffic (volumes, counters, error log); default 0, at most 89. */
  historyDays?: number;
}

export const DEMO_HOSTINGS: readonly SandboxHostingSeed[] = [
  {
    // A bakery's web shop: order confirmations plus a newsletter on Tuesdays and Fridays.
    name: "boulangerie-martin.fr",
    maxPerDay: 2000,
    profile: {
      dailyMails: 320,
      errorRate: 0.025,
      newsletter: { weekdays: [2, 5], hourUtc: 8, size: 900 },
    },
    historyDays: 30,
  },
  {
    // A small café site: a contact form and table bookings.
    name: "kahvila-aalto.fi",
    maxPerDay: 500,
    profile: { dailyMails: 60, errorRate: 0.015 },
    historyDays: 30,
  },
  {
    // A busy shop: accounts, orders, shipping notices.
    name: "sklep-nowak.pl",
    maxPerDay: 5000,
    profile: { dailyMails: 2600, errorRate: 0.035 },
    historyDays: 30,
  },
];

const TRADES = ["atelier", "garage", "kiosk", "studio", "hotel", "fotograf", "pizzeria", "salon"];
const TLDS = ["fr", "fi", "pl", "nl", "pt"];

/** A small generated site for benchmarks; `index` makes the name unique. */
export function generatedSeed(rng: Rng, index: number): SandboxHostingSeed {
  const name = `${rng.pick(TRADES)}-${String(index).padStart(5, "0")}.${rng.pick(TLDS)}`;
  return {
    name,
    maxPerDay: rng.pick([500, 1000, 2000, 5000]),
    profile: { dailyMails: rng.int(20, 400), errorRate: rng.int(10, 40) / 1000 },
  };
}
