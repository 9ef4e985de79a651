// How much mail a site's scripts send: a diurnal curve (UTC, European daytime), quieter
// weekends, and an optional newsletter hour.
import type { Rng } from "./rng.ts";
import type { TrafficProfile } from "./schema.ts";
import { DAY, HOUR, MINUTE } from "./time.ts";

// Relative activity per UTC hour; normalised below so the day averages 1.
const HOURLY = [
  0.2, 0.15, 0.1, 0.1, 0.15, 0.3, 0.6, 1.0, 1.4, 1.6, 1.7, 1.6, 1.5, 1.6, 1.7, 1.6, 1.5, 1.4, 1.3,
  1.2, 1.1, 0.9, 0.6, 0.35,
];
const HOURLY_MEAN = HOURLY.reduce((sum, weight) => sum + weight, 0) / HOURLY.length;
const WEEKEND_FACTOR = 0.75;
const MINUTES_PER_DAY = DAY / MINUTE;

const weekday = (t: number): number => new Date(t).getUTCDay();
const isWeekend = (t: number): boolean => weekday(t) === 0 || weekday(t) === 6;

/** Expected number of mails in the minute starting at `t`. */
export function expectedMailsInMinute(profile: TrafficProfile, t: number): number {
  const hour = Math.floor((t % DAY) / HOUR);
  const dayFactor = isWeekend(t) ? WEEKEND_FACTOR : 1;
  let mean =
    (profile.dailyMails / MINUTES_PER_DAY) * ((HOURLY[hour] ?? 1) / HOURLY_MEAN) * dayFactor;
  const letter = profile.newsletter;
  if (letter && hour === letter.hourUtc && letter.weekdays.includes(weekday(t))) {
    mean += letter.size / 60;
  }
  return mean;
}

/** Expected number of mails over the whole UTC day starting at `dayStart`. */
export function expectedMailsInDay(profile: TrafficProfile, dayStart: number): number {
  const letter = profile.newsletter;
  const newsletter = letter?.weekdays.includes(weekday(dayStart)) ? letter.size : 0;
  return profile.dailyMails * (isWeekend(dayStart) ? WEEKEND_FACTOR : 1) + newsletter;
}

/** Mails the scripts send in the minute starting at `t`. */
export function drawMailsInMinute(rng: Rng, profile: TrafficProfile, t: number): number {
  return rng.poisson(expectedMailsInMinute(profile, t));
}
