// The words a pattern cannot match without: for /mailbox (is )?full|over quota/ one of
// "mailbox " or "over quota" must be in the text. Read from the pattern's own source, so the
// table stays plain regular expressions and the matcher can skip, with one scan of the text,
// every row whose words are absent (a few hundred rows cost about as much as one).
// Understands the syntax the table uses; anything else just yields no words (the row is then
// always tried, which is correct, only slower).

/** What a piece of pattern can match: every string, when few and literal (`exact`), and a
 * set of literals one of which any match contains (`need`). */
interface Facts {
  exact: string[] | null;
  need: string[] | null;
}

const CAP = 48;
const NOTHING: Facts = { exact: [""], need: null };
const ANY: Facts = { exact: null, need: null };

/** Literals, lower-cased, one of which every match of `pattern` contains; undefined when
 * the pattern has no such literal of `minLength` characters or more. */
export function needlesOf(pattern: RegExp, minLength = 3): string[] | undefined {
  const parser = new Parser(pattern.source);
  const facts = parser.alternation();
  if (!parser.done()) return undefined;
  const need = best([facts.need, facts.exact]);
  return need && shortest(need) >= minLength ? [...new Set(need)] : undefined;
}

const shortest = (set: string[]) => Math.min(...set.map((s) => s.length));

/** The most selective set: its shortest literal long enough (4 characters is plenty), then
 * the fewest literals. */
function best(candidates: (string[] | null)[]): string[] | null {
  const score = (set: string[]) => Math.min(shortest(set), 4) * 1000 - set.length;
  let chosen: string[] | null = null;
  for (const set of candidates) {
    if (!set || set.length === 0) continue;
    if (!chosen || score(set) > score(chosen)) chosen = set;
  }
  return chosen;
}

function cross(left: string[], right: string[]): string[] | null {
  if (left.length * right.length > CAP) return null;
  return left.flatMap((a) => right.map((b) => a + b));
}

class Parser {
  private at = 0;
  constructor(private readonly source: string) {}

  done(): boolean {
    return this.at >= this.source.length;
  }

  alternation(): Facts {
    const branches = [this.sequence()];
    while (this.source[this.at] === "|") {
      this.at += 1;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0] ?? ANY;
    const exacts = branches.map((b) => b.exact);
    const exact = exacts.every((e) => e) ? (exacts as string[][]).flat() : null;
    const needs = branches.map((b) => best([b.need, b.exact?.includes("") ? null : b.exact]));
    const need = needs.every((n) => n) ? (needs as string[][]).flat() : null;
    return { exact: exact && exact.length <= CAP ? exact : null, need };
  }

  private sequence(): Facts {
    const candidates: (string[] | null)[] = [];
    let run: string[] | null = [""];
    /** Consecutive pieces with one spelling each: "pleine" in `bo[îi]te (est )?pleine`. */
    let fixed = "";
    let whole = true;
    while (!this.done() && this.source[this.at] !== "|" && this.source[this.at] !== ")") {
      const piece = this.quantified();
      const single = piece.exact?.length === 1 ? piece.exact[0] : undefined;
      if (single !== undefined) fixed += single;
      else {
        candidates.push([fixed], piece.need, piece.exact);
        fixed = "";
      }
      const joined: string[] | null = piece.exact && run ? cross(run, piece.exact) : null;
      if (joined) {
        run = joined;
        continue;
      }
      whole = false;
      candidates.push(run);
      run = piece.exact ? piece.exact : [""];
    }
    candidates.push(run, [fixed]);
    const usable = candidates.map((c) => (c?.includes("") ? null : c));
    return { exact: whole ? run : null, need: best(usable) };
  }

  private quantified(): Facts {
    const atom = this.atom();
    const quantifier = /^(\?|\*|\+|\{(\d+)(,(\d*))?\})\??/.exec(this.source.slice(this.at));
    if (!quantifier) return atom;
    this.at += quantifier[0].length;
    const sign = quantifier[1];
    const min = sign === "+" ? 1 : sign === "?" || sign === "*" ? 0 : Number(quantifier[2]);
    const fixed = quantifier[2] !== undefined && quantifier[3] === undefined;
    if (min === 0)
      return { exact: sign === "?" && atom.exact ? [...atom.exact, ""] : null, need: null };
    if (fixed && atom.exact) {
      let exact: string[] | null = [""];
      for (let i = 0; i < min && exact; i++) exact = cross(exact, atom.exact);
      return { exact, need: atom.need };
    }
    return { exact: null, need: best([atom.need, atom.exact]) };
  }

  private atom(): Facts {
    const c = this.source[this.at] ?? "";
    this.at += 1;
    if (c === "(") return this.group();
    if (c === "[") return this.charClass();
    if (c === "\\") return this.escape();
    if (c === "^" || c === "$") return NOTHING;
    if (c === ".") return ANY;
    return { exact: [c.toLowerCase()], need: null };
  }

  private group(): Facts {
    const lookaround = /^\?(<?[=!])/.exec(this.source.slice(this.at));
    const named = /^\?<\w+>/.exec(this.source.slice(this.at));
    if (lookaround) this.at += lookaround[0].length;
    else if (this.source.startsWith("?:", this.at)) this.at += 2;
    else if (named) this.at += named[0].length;
    const inner = this.alternation();
    this.at += 1; // ")"
    return lookaround ? NOTHING : inner;
  }

  private charClass(): Facts {
    const end = this.source.indexOf("]", this.source[this.at] === "]" ? this.at + 1 : this.at);
    const body = this.source.slice(this.at, end);
    this.at = end + 1;
    if (body.startsWith("^") || body.includes("\\") || /.-./.test(body)) return ANY;
    return { exact: [...new Set([...body].map((ch) => ch.toLowerCase()))], need: null };
  }

  private escape(): Facts {
    const c = this.source[this.at] ?? "";
    this.at += 1;
    if (c === "b" || c === "B") return NOTHING;
    if (/[wWsSdDpPuxck0-9]/.test(c)) return ANY;
    if (c === "n") return { exact: ["\n"], need: null };
    if (c === "t") return { exact: ["\t"], need: null };
    return { exact: [c.toLowerCase()], need: null };
  }
}
