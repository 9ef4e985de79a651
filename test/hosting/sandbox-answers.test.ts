// The simulator's error texts have the variety of real logs (codes in every position, text
// only, other languages) and the classifier reads in each the reason it was written for.
import { describe, expect, it } from "vitest";
import { ORDINARY, SPAM, smtpAnswer } from "../../src/hosting/sandbox/smtp-answers.ts";
import { Rng } from "../../src/hosting/sandbox/rng.ts";
import { diagnose } from "../../src/jobs/reasons/diagnose.ts";

const RECIPIENTS = ["jan.kowalski@wp.pl", "marie.dupont@orange.fr", "joao.silva@sapo.pt", "anna@kpnmail.nl", "x@gmail.com"];

describe("sandbox error texts", () => {
  it.each([...ORDINARY.map((row) => ["ordinary", row] as const), ...SPAM.map((row) => ["spam", row] as const)])(
    "%s: read as the reason it stands for (%j)",
    (_kind, [, reason, answer]) => {
      const rng = new Rng(7);
      for (const to of RECIPIENTS) {
        const text = answer(to, rng);
        expect({ text, reason: diagnose(text).reason }).toEqual({ text, reason });
      }
    },
  );

  it("come in the shapes of real logs, in proportions like the labelled corpus's", () => {
    const rng = new Rng(11);
    const kinds = { enhanced: 0, basicStart: 0, basicPrefixed: 0, textOnly: 0 };
    let notEnglish = 0;
    const N = 20_000;
    for (let i = 0; i < N; i++) {
      const text = smtpAnswer(rng, RECIPIENTS[i % RECIPIENTS.length]!);
      kinds[diagnose(text).kind] += 1;
      if (/inconnu|nie istnieje|existiert|Buzón|sconosciuto|uitgeschakeld/.test(text)) notEnglish += 1;
    }
    // The corpus: 49 % enhanced, 16 % basic at the start, 10 % basic after a prefix, 26 % text only.
    expect(kinds.enhanced / N).toBeGreaterThan(0.4);
    expect(kinds.enhanced / N).toBeLessThan(0.6);
    expect(kinds.basicStart / N).toBeGreaterThan(0.1);
    expect(kinds.basicPrefixed / N).toBeGreaterThan(0.06);
    expect(kinds.textOnly / N).toBeGreaterThan(0.18);
    expect(notEnglish / N).toBeGreaterThan(0.04);
  });
});
