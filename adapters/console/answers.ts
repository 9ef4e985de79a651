// The answer to the terminal's "[y/N]" question: the user's language's yes (oui, kyllä, tak,
// ja, sim and their first letters), and always the English y/yes. Anything else means no.
import { type Language, translate } from "../../src/i18n/index.ts";

const ENGLISH_YES = ["y", "yes"];

const normalize = (word: string): string => word.normalize("NFC").trim().toLocaleLowerCase();

export function yesWords(language: Language): string[] {
  const own = translate(language, "console:yesAnswers").split("|").map(normalize);
  return [...new Set([...own, ...ENGLISH_YES])].filter(Boolean);
}

export function isYes(language: Language, answer: string | undefined): boolean {
  if (answer === undefined) return false;
  return yesWords(language).includes(normalize(answer));
}
