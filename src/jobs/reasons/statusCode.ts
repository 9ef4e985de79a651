// Reads the SMTP status from a diagnostic text, wherever it stands: an enhanced code
// (RFC 3463, `5.1.1`) or a basic reply code (RFC 5321, `550`). Addresses, IPs (`[1.2.3.4]`),
// version numbers (`4.16.55.1`), ports, sizes and ids are not codes.

/** How the text carries its status. */
export type TextKind = "enhanced" | "basicStart" | "basicPrefixed" | "textOnly";

export interface Status {
  /** The enhanced code when the text has one, else the basic code, else undefined. */
  code?: string;
  /** Enhanced code's subject and detail (`1.1` in `5.1.1`). */
  detail?: string;
  class?: 4 | 5;
  kind: TextKind;
}

// Not after a letter, digit, dot or the characters that join addresses, URLs and ids; not
// followed by more digits, a dot and a digit, or an `@`.
const ENHANCED = /(?<![\w.@/=%+-])([245])\.(\d{1,3})\.(\d{1,3})(?![\w@]|\.\d)/g;
const BASIC_START = /^\s*[#"'(]?([245][0-5]\d)(?=[\s:,-]|$)/;
const BASIC =
  /(?<![\w.@/=%+#$&-])([245][0-5]\d)(?=[\s:,-]|$)(?!\s*(?:bytes|[kmg]b|seconds|minutes|hours|days|ms|messages|mails|e-?mails|recipients|attempts|times|characters|chars)\b)/gi;
/** "503 need RCPT" and its kin follow an earlier refusal; they are not the verdict. */
const SEQUENCE = "503";

export function readStatus(text: string): Status {
  ENHANCED.lastIndex = 0;
  for (let enhanced = ENHANCED.exec(text); enhanced; enhanced = ENHANCED.exec(text)) {
    const klass = enhanced[1];
    if (klass === "4" || klass === "5") {
      return {
        code: `${klass}.${enhanced[2]}.${enhanced[3]}`,
        detail: `${enhanced[2]}.${enhanced[3]}`,
        class: klass === "4" ? 4 : 5,
        kind: "enhanced",
      };
    }
  }
  const start = BASIC_START.exec(text);
  const basic = basicCode(text);
  if (!basic) return { kind: "textOnly" };
  const klass = basic[0] === "4" ? 4 : basic[0] === "5" ? 5 : undefined;
  return { code: basic, class: klass, kind: start ? "basicStart" : "basicPrefixed" };
}

/** The verdict among the basic codes: the first permanent one (a relay that got "450 busy"
 * and then "551 not our user" has its answer), else the first temporary one. Not a 2xx
 * greeting, and not a "503 need RCPT", which only follows an earlier refusal. */
function basicCode(text: string): string | undefined {
  BASIC.lastIndex = 0;
  let temporary: string | undefined;
  let sequence: string | undefined;
  for (let match = BASIC.exec(text); match; match = BASIC.exec(text)) {
    const code = match[1] ?? "";
    if (code === SEQUENCE) sequence ??= code;
    else if (code[0] === "5") return code;
    else if (code[0] === "4") temporary ??= code;
  }
  return temporary ?? sequence;
}
