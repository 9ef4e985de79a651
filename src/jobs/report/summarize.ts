// One hosting's errors over a period, grouped by why they failed (see ../reasons), ranked by
// count: what a person fixing it reads first.
import { type Diagnosis, diagnose } from "../reasons/diagnose.ts";
import { type MailClass, REASONS, type Reason } from "../reasons/reasons.ts";

/** The fields of an error the summary reads (a collected error has more). */
export interface ErrorFacts {
  to: string | null;
  message: string | null;
}

export interface Ranked {
  name: string;
  count: number;
}

export interface ReasonGroup {
  reason: Reason;
  count: number;
  permanent: number;
  temporary: number;
  /** The class most of them have. */
  class: MailClass;
  /** A typical example: the text that came most often (addresses aside), first seen among equals. */
  example: string;
  domains: Ranked[];
  /** Blocklists named (sender_blocked). */
  blocklists: Ranked[];
  /** Count over the period before, of the same length; undefined when unknown. */
  before?: number;
}

export interface ErrorSummary {
  total: number;
  /** By count, largest first (the vocabulary's order between equals). */
  reasons: ReasonGroup[];
  domains: Ranked[];
  recipients: Ranked[];
}

const ORDER = new Map(REASONS.map((r, i) => [r, i]));

function ranked(counts: Map<string, number>): Ranked[] {
  return (
    [...counts.entries()]
      .map(([name, count]) => ({ name, count }))
      // Plain code-unit order between equals: domains and addresses need no collation, and
      // localeCompare costs a report over hundreds of hostings most of its time.
      .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  );
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** Remembers diagnoses within one report: the same server's text comes back many times,
 * differing only by the recipient's address, which says nothing about the reason. */
export class DiagnosisCache {
  private readonly known = new Map<string, Diagnosis>();
  constructor(private readonly limit = 100_000) {}

  diagnose(message: string | null): Diagnosis {
    return this.read(message).diagnosis;
  }

  /** The diagnosis and the text it stands for (the message without its addresses). */
  read(message: string | null): { diagnosis: Diagnosis; text: string } {
    if (!message) return { diagnosis: diagnose(message), text: "" };
    const text = withoutAddresses(message);
    const hit = this.known.get(text);
    if (hit) return { diagnosis: hit, text };
    const found = diagnose(message);
    if (this.known.size >= this.limit) this.known.clear();
    this.known.set(text, found);
    return { diagnosis: found, text };
  }
}

/** Letters, digits and `_ . + = -`: what an address is made of around its `@`. */
function addressChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 46 ||
    code === 43 ||
    code === 61 ||
    code === 45
  );
}

/** The text with every e-mail address cut down to its `@`. */
export function withoutAddresses(text: string): string {
  let at = text.indexOf("@");
  if (at < 0) return text;
  let out = "";
  let copied = 0;
  while (at >= 0) {
    let start = at;
    while (start > copied && addressChar(text.charCodeAt(start - 1))) start -= 1;
    let end = at + 1;
    while (end < text.length && addressChar(text.charCodeAt(end))) end += 1;
    out += `${text.slice(copied, start)}@`;
    copied = end;
    at = text.indexOf("@", end);
  }
  return out + text.slice(copied);
}

interface Building {
  group: ReasonGroup;
  domains: Map<string, number>;
  blocklists: Map<string, number>;
  /** Each text (without addresses): how often, and its first message. */
  texts: Map<string, { count: number; message: string }>;
}

/** One hosting's summary, built as its errors stream in: it keeps the counts the report
 * shows, never the errors themselves. */
export class SummaryBuilder {
  private total = 0;
  private readonly groups = new Map<Reason, Building>();
  private readonly domains = new Map<string, number>();
  private readonly recipients = new Map<string, number>();
  private readonly before = new Map<Reason, number>();

  constructor(private readonly cache: DiagnosisCache = new DiagnosisCache()) {}

  /** An error of the period. */
  add(error: ErrorFacts): void {
    this.total += 1;
    const { diagnosis, text } = this.cache.read(error.message);
    let building = this.groups.get(diagnosis.reason);
    if (!building) {
      building = {
        group: {
          reason: diagnosis.reason,
          count: 0,
          permanent: 0,
          temporary: 0,
          class: diagnosis.class,
          example: error.message ?? "",
          domains: [],
          blocklists: [],
        },
        domains: new Map(),
        blocklists: new Map(),
        texts: new Map(),
      };
      this.groups.set(diagnosis.reason, building);
    }
    const { group } = building;
    group.count += 1;
    if (diagnosis.class === 4) group.temporary += 1;
    else group.permanent += 1;
    if (diagnosis.blocklist) bump(building.blocklists, diagnosis.blocklist);
    const seen = building.texts.get(text);
    if (seen) seen.count += 1;
    else building.texts.set(text, { count: 1, message: error.message ?? "" });
    const address = (error.to ?? "").toLowerCase();
    if (address === "") return;
    bump(this.recipients, address);
    const at = address.lastIndexOf("@");
    const domain = at >= 0 ? address.slice(at + 1) : address;
    bump(this.domains, domain);
    bump(building.domains, domain);
  }

  /** An error of the period before, of the same length (counted by reason only). */
  addBefore(error: ErrorFacts): void {
    const { reason } = this.cache.diagnose(error.message);
    this.before.set(reason, (this.before.get(reason) ?? 0) + 1);
  }

  /** The summary; each reason compared with the period before when `compare` (it was collected in full). */
  summary(compare: boolean): ErrorSummary {
    const reasons = [...this.groups.values()].map(({ group, domains, blocklists, texts }) => ({
      ...group,
      example: typical(texts) ?? group.example,
      class: (group.temporary > group.permanent ? 4 : 5) as MailClass,
      domains: ranked(domains),
      blocklists: ranked(blocklists),
      ...(compare ? { before: this.before.get(group.reason) ?? 0 } : {}),
    }));
    reasons.sort(
      (a, b) => b.count - a.count || (ORDER.get(a.reason) ?? 0) - (ORDER.get(b.reason) ?? 0),
    );
    return {
      total: this.total,
      reasons,
      domains: ranked(this.domains),
      recipients: ranked(this.recipients),
    };
  }
}

export function summarize(
  errors: readonly ErrorFacts[],
  options: { before?: readonly ErrorFacts[]; cache?: DiagnosisCache } = {},
): ErrorSummary {
  const builder = new SummaryBuilder(options.cache);
  for (const error of errors) builder.add(error);
  for (const error of options.before ?? []) builder.addBefore(error);
  return builder.summary(options.before !== undefined);
}

function typical(texts: Map<string, { count: number; message: string }>): string | undefined {
  let best: { count: number; message: string } | undefined;
  for (const entry of texts.values()) if (!best || entry.count > best.count) best = entry;
  return best?.message;
}
