// One error's diagnostic text → why the mail failed (a reason from the vocabulary), whether
// the relay gives up (class 5) or tries again (class 4), the status code when the text has
// one, and the blocklist when one is named. Pure and local: nothing leaves the process.
import { blocklistName } from "./blocklists.ts";
import { GroupMatcher } from "./matcher.ts";
import { CONTEXT_HINTS, DETAIL_REASONS, GENERIC_WORDS, PATTERN_GROUPS } from "./patterns.ts";
import { type MailClass, type Reason, USUAL_CLASS } from "./reasons.ts";
import { readStatus, type TextKind } from "./statusCode.ts";

export interface Diagnosis {
  reason: Reason;
  class: MailClass;
  /** `5.1.1` or `550`, when the text carries one. */
  code?: string;
  /** The blocklist named, for `sender_blocked`. */
  blocklist?: string;
  kind: TextKind;
}

/** All three tables in one matcher: one scan of the text for all of them. */
// Built at the first diagnosis, not when the module loads: building it costs about 60 ms,
// which every command that only imports the report's code (`status` too) used to pay.
let tables: GroupMatcher | undefined;
const TABLES = (): GroupMatcher => {
  tables ??= new GroupMatcher([...PATTERN_GROUPS, ...CONTEXT_HINTS, ...GENERIC_WORDS]);
  return tables;
};
const HINTS_FROM = PATTERN_GROUPS.length;
const GENERIC_FROM = HINTS_FROM + CONTEXT_HINTS.length;
const reasonAt = (group: number): Reason | undefined => TABLES().groups[group]?.reason;
/** A missing address or domain named in reply to MAIL FROM is our sender's, not the recipient's. */
const AT_MAIL_FROM = /(in reply to|after) mail from\b/i;

/** When the text has no code: words that say the relay gave up, or that it will try again. */
const PERMANENT =
  /permanent|giving up|given up|gave up|not going to try again|no further delivery attempts|expired|hop count|too many hops|routing loop|failed \d+ attempts|not delivered within/i;
const TEMPORARY =
  /temporar|will be retried|has been delayed|deferred|try again later|retry timeout exceeded|will-retry|dns error:|^connect to |lost connection with|did not accept our requests to connect/i;
/** Texts are cut here: the verdict is at the start, and the rest is quoted mail. */
const MAX_CHARS = 2000;

export function diagnose(message: string | null | undefined): Diagnosis {
  if (!message) return { reason: "other", class: USUAL_CLASS.other, kind: "textOnly" };
  const text = message.length > MAX_CHARS ? message.slice(0, MAX_CHARS) : message;
  const status = readStatus(text);
  const reason = reasonOf(text, status.detail, status.code);
  const diagnosis: Diagnosis = {
    reason,
    class: status.class ?? classFromWords(text, reason),
    kind: status.kind,
  };
  if (status.code) diagnosis.code = status.code;
  if (reason === "sender_blocked") {
    const list = blocklistName(text);
    if (list) diagnosis.blocklist = list;
  }
  return diagnosis;
}

function reasonOf(text: string, detail: string | undefined, code: string | undefined): Reason {
  TABLES().read(text);
  const said = reasonAt(TABLES().first(text, 0, HINTS_FROM));
  if (said) {
    if ((said === "recipient_unknown" || said === "domain_unknown") && AT_MAIL_FROM.test(text))
      return "sender_rejected";
    return said;
  }
  const hinted = reasonAt(TABLES().first(text, HINTS_FROM, GENERIC_FROM));
  if (hinted) return hinted;
  if (detail) {
    for (const [pattern, reason] of DETAIL_REASONS) if (pattern.test(detail)) return reason;
  }
  const generic = reasonAt(TABLES().first(text, GENERIC_FROM));
  if (generic) return generic;
  // "421 Service not available, closing transmission channel": the server would not talk.
  if (code === "421") return "unreachable";
  return "other";
}

function classFromWords(text: string, reason: Reason): MailClass {
  if (PERMANENT.test(text)) return 5;
  if (TEMPORARY.test(text)) return 4;
  return USUAL_CLASS[reason];
}
