// Time arithmetic for the simulation: everything is UTC milliseconds.

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Held mail is discarded when it reaches this age (DOMAIN.md). */
export const HELD_MAX_AGE_MS = 72 * HOUR;

export const floorToMinute = (t: number): number => Math.floor(t / MINUTE) * MINUTE;
export const startOfUtcDay = (t: number): number => Math.floor(t / DAY) * DAY;

/** "YYYY-MM-DD" of the UTC day containing `t`. */
export const utcDay = (t: number): string => new Date(t).toISOString().slice(0, 10);
