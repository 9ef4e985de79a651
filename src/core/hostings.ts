// Resolves the hosting a user named: an alias, a full name, or none when only one exists.
import { UserError } from "../errors.ts";
import { HOSTING_NAME } from "./grammar.ts";
import type { Services } from "./services.ts";

const LIST_TTL_MS = 60_000;

export class HostingDirectory {
  private cached: { at: number; names: string[] } | undefined;

  constructor(private readonly services: Services) {}

  async list(): Promise<string[]> {
    const now = this.services.clock.now();
    if (this.cached && now - this.cached.at < LIST_TTL_MS) return this.cached.names;
    const names = [...(await this.services.provider.listHostings())].sort();
    this.cached = { at: now, names };
    return names;
  }

  /** Names and aliases, for autocompletion. */
  async choices(): Promise<{ name: string; value: string }[]> {
    const names = await this.list();
    const aliases = Object.entries(this.services.policy.aliases).map(([alias, name]) => ({
      name: `${alias} (${name})`,
      value: name,
    }));
    return [...names.map((name) => ({ name, value: name })), ...aliases];
  }

  /** The word is a hosting's name or alias, or at least shaped like a domain. */
  async namesHosting(word: string): Promise<boolean> {
    if (Object.hasOwn(this.services.policy.aliases, word)) return true;
    if (word.includes(".") && HOSTING_NAME.test(word)) return true;
    return (await this.list()).includes(word.toLowerCase());
  }

  async resolve(word: string | undefined): Promise<string> {
    const names = await this.list();
    if (word === undefined) {
      if (names.length === 1 && names[0]) return names[0];
      throw new UserError("errors.hostingRequired", { hostings: names.join(", ") });
    }
    const aliases = this.services.policy.aliases;
    const name = Object.hasOwn(aliases, word) ? (aliases[word] as string) : word.toLowerCase();
    if (!HOSTING_NAME.test(name)) throw new UserError("errors.badHostingName", { name: word });
    if (!names.includes(name)) {
      const near = closest(name, [...names, ...Object.keys(aliases)]);
      if (near) throw new UserError("errors.unknownHostingDidYouMean", { name: word, suggestion: near });
      throw new UserError("errors.unknownHosting", { name: word, hostings: names.join(", ") });
    }
    return name;
  }

  /** Like resolve, but "all" (or nothing, with several hostings) means every hosting. */
  async resolveMany(word: string | undefined): Promise<string[]> {
    if (word?.toLowerCase() === "all") return this.list();
    if (word === undefined) return this.list();
    return [await this.resolve(word)];
  }
}

/** The known name a typo most likely meant: a few edits away, or the only one it starts. */
export function closest(word: string, names: readonly string[]): string | undefined {
  const prefixed = names.filter((n) => n.startsWith(word));
  if (word.length >= 3 && prefixed.length === 1) return prefixed[0];
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(word, name);
    if (distance <= Math.max(1, Math.floor(name.length / 4)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
