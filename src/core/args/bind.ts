// One binding for every way a command arrives: the words of a typed line (terminal, Slack,
// one-shot CLI) become named values; Discord's typed options already are. Named values are
// then checked and the hostings resolved, the same way for both.
import { UserError } from "../../errors.ts";
import type { HostingDirectory } from "../hostings.ts";
import { type ArgSpec, checkValue, KINDS } from "./kinds.ts";

/** Values by argument name, as typed (Discord's options, or a line's words). */
export type Values = Partial<Record<string, string>>;

/** What a command's `run` receives. */
export interface Args {
  /** A `hosting` argument, resolved (undefined when optional and not given). */
  hosting?: string;
  /** A `hostingOrAll` argument: the hostings it names (every one when not given, or "all"). */
  hostings?: string[];
  reason?: string;
  email?: string;
  durationMs?: number;
  /** `--limit N` (history): how many. */
  limit?: number;
}

/**
 * The words of a typed line, by argument. A required hosting may be left out when one
 * hosting exists: the line then starts with the next argument. It is left out when there are
 * fewer words than required arguments (`recipient ops@example.com`), or when a free-text
 * argument follows and the first word names no hosting (`block testing the form`); a word
 * shaped like a domain is always taken as a hosting (`block typo.example spam` never blocks
 * the only hosting).
 */
export async function wordsToValues(specs: readonly ArgSpec[], given: readonly string[], hostings: HostingDirectory): Promise<Values> {
  const values: Values = {};
  const words = takeOptions(specs, given, values);
  let next = 0;
  for (const [index, spec] of specs.entries()) {
    const rule = KINDS[spec.kind];
    if (rule.option) continue;
    const left = words.slice(next);
    if (rule.rest) {
      if (left.length > 0) values[rule.name] = left.join(" ");
      next = words.length;
      continue;
    }
    if (spec.kind === "hosting" && spec.required && (await omitsHosting(specs.slice(index), left, hostings))) continue;
    const word = left[0];
    if (word !== undefined) values[rule.name] = word;
    next += 1;
  }
  return values;
}

/**
 * Takes the named options (`--limit 50`, `--limit=50`) out of a line's words into `values`;
 * returns the other words. An option without its value gets "" (refused by its check).
 */
function takeOptions(specs: readonly ArgSpec[], words: readonly string[], values: Values): string[] {
  const options = specs.filter((s) => KINDS[s.kind].option).map((s) => KINDS[s.kind].name);
  if (options.length === 0) return [...words];
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    const name = options.find((o) => word === `--${o}` || word.startsWith(`--${o}=`));
    if (name === undefined) {
      rest.push(word);
      continue;
    }
    if (word.includes("=")) values[name] = word.slice(word.indexOf("=") + 1);
    else {
      values[name] = words[i + 1] ?? "";
      i += 1;
    }
  }
  return rest;
}

/** The option a word names (`--limit`, `--limit=5`), if it names a declared kind's option. */
function optionNamed(word: string): string | undefined {
  if (!word.startsWith("--")) return undefined;
  const name = Object.values(KINDS).find((k) => k.option && (word === `--${k.name}` || word.startsWith(`--${k.name}=`)))?.name;
  return name === undefined ? undefined : `--${name}`;
}

async function omitsHosting(specs: readonly ArgSpec[], words: readonly string[], hostings: HostingDirectory): Promise<boolean> {
  const [first] = words;
  if (first === undefined) return true;
  if (words.length < specs.filter((s) => s.required).length) return true;
  const followedByText = specs.slice(1).some((s) => KINDS[s.kind].rest);
  if (!followedByText || (await hostings.namesHosting(first))) return false;
  return (await hostings.list()).length === 1;
}

/** Checks every value, then resolves the hostings: a bad address is said before a bad hosting. */
export async function bindValues(specs: readonly ArgSpec[], values: Values, hostings: HostingDirectory): Promise<Args> {
  const args: Args = {};
  for (const spec of specs) {
    const checked = checkValue(spec.kind, values[KINDS[spec.kind].name]);
    if (!checked.ok) throw new UserError(checked.key, checked.vars, { usage: checked.usage });
    if (spec.kind === "reason") args.reason = checked.value as string | undefined;
    if (spec.kind === "email") args.email = checked.value as string;
    if (spec.kind === "duration") args.durationMs = checked.value as number;
    if (spec.kind === "limit" && checked.value !== undefined) args.limit = checked.value as number;
  }
  for (const spec of specs) {
    const word = values[KINDS[spec.kind].name];
    // Another command's option (`status --limit 5`) is bad usage, not a hosting named "--limit".
    const option = word === undefined ? undefined : optionNamed(word);
    if (option && (spec.kind === "hosting" || spec.kind === "hostingOrAll")) {
      throw new UserError("errors.notAnOption", { option }, { usage: true });
    }
    if (spec.kind === "hostingOrAll") args.hostings = await hostings.resolveMany(word);
    if (spec.kind === "hosting" && (spec.required || word !== undefined)) args.hosting = await hostings.resolve(word);
  }
  return args;
}
