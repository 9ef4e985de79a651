// One hosting's errors over a period, grouped the way mail people read them.
import type { CollectedError } from "../errorLog.ts";
import { classify, groupKey, type StatusGroup } from "./statusCode.ts";

export interface ErrorGroup extends StatusGroup {
  count: number;
  example: string;
}

export interface Ranked {
  name: string;
  count: number;
}

export interface ErrorSummary {
  total: number;
  /** Permanent first, then temporary, then unclassified; by count within each. */
  groups: ErrorGroup[];
  domains: Ranked[];
  recipients: Ranked[];
}

const CLASS_ORDER = { "5": 0, "4": 1, unknown: 2 } as const;

function ranked(counts: Map<string, number>): Ranked[] {
  return [...counts.entries()]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

export function summarize(errors: readonly CollectedError[]): ErrorSummary {
  const groups = new Map<string, ErrorGroup>();
  const domains = new Map<string, number>();
  const recipients = new Map<string, number>();
  for (const error of errors) {
    const status = classify(error.message);
    const key = groupKey(status);
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { ...status, count: 1, example: error.message });
    const address = error.to.toLowerCase();
    // The provider may not say the recipient (null in its model).
    if (address === "") continue;
    bump(recipients, address);
    const at = address.lastIndexOf("@");
    bump(domains, at >= 0 ? address.slice(at + 1) : address);
  }
  return {
    total: errors.length,
    groups: [...groups.values()].sort(
      (a, b) => CLASS_ORDER[a.statusClass] - CLASS_ORDER[b.statusClass] || b.count - a.count,
    ),
    domains: ranked(domains),
    recipients: ranked(recipients),
  };
}
