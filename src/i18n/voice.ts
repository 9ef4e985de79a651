// One voice: the translator and the date, duration, number and percent formats of one
// language in one time zone. Every message is spoken in one; voices are built once and kept.
import { formatDate, formatDateTime, formatDuration, formatNumber, formatPercent } from "./format.ts";
import { type Language, type Translate, translator } from "./index.ts";

export interface Voice {
  language: Language;
  timeZone: string;
  t: Translate;
  dateTime(ms: number): string;
  date(ms: number): string;
  duration(ms: number): string;
  number(value: number): string;
  percent(ratio: number): string;
}

const voices = new Map<string, Voice>();

export function voiceOf(language: Language, timeZone: string): Voice {
  const key = `${language}|${timeZone}`;
  let voice = voices.get(key);
  if (!voice) {
    voice = {
      language,
      timeZone,
      t: translator(language),
      dateTime: (ms) => formatDateTime(language, timeZone, ms),
      date: (ms) => formatDate(language, timeZone, ms),
      duration: (ms) => formatDuration(language, ms),
      number: (value) => formatNumber(language, value),
      percent: (ratio) => formatPercent(language, ratio),
    };
    voices.set(key, voice);
  }
  return voice;
}
