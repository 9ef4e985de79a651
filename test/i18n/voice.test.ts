// One voice per language and zone: the translator and every format together, built once.
import { describe, expect, it } from "vitest";
import { voiceOf } from "../../src/i18n/voice.ts";

describe("voice", () => {
  it("speaks one language in one time zone, and is built once", () => {
    const fr = voiceOf("fr", "Europe/Paris");
    expect(voiceOf("fr", "Europe/Paris")).toBe(fr);
    expect(fr.t("confirm.cancel")).toBe("Annuler");
    expect(fr.number(1234.5)).toBe("1\u202f234,5");
    expect(fr.percent(0.125)).toBe("12,5\u00a0%");
    expect(fr.dateTime(Date.UTC(2026, 0, 1, 12))).toContain("13:00");
    expect(voiceOf("fr", "UTC").dateTime(Date.UTC(2026, 0, 1, 12))).toContain("12:00");
  });
});
