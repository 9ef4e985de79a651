// The one start-up path: environment, logger (secrets scrubbed, quiet unless asked) and the
// terminal's language, for the bot, one-shot commands and doctor alike.
import { describe, expect, it } from "vitest";
import { boot } from "../src/boot.ts";

describe("boot", () => {
  it("reads the environment given, speaks the terminal's language, and stays quiet unless asked", () => {
    const lines: string[] = [];
    const destination = { write: (line: string) => lines.push(line) };
    const env = { LANG: "fr_FR.UTF-8", MAILBRAKE_LOCALE: "pl", SLACK_BOT_TOKEN: "xoxb-very-secret-token", SLACK_APP_TOKEN: "xapp-another-secret" };
    const quiet = boot({ env, quietLevel: "warn", destination });
    expect(quiet.language).toBe("fr");
    expect(quiet.logger.level).toBe("warn");
    quiet.logger.warn({ token: "x" }, "saw xoxb-very-secret-token");
    expect(lines.join("")).not.toContain("xoxb-very-secret-token");
    const asked = boot({ env: { ...env, LANG: "C", LOG_LEVEL: "debug" }, quietLevel: "warn", destination });
    expect(asked.language).toBe("pl");
    expect(asked.logger.level).toBe("debug");
  });
});
