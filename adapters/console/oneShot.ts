// One command from the command line, then exit: `mailbrake status all --json`,
// `mailbrake block example.com --yes`.
import { dirname } from "node:path";
import { consoleActor, terminalLanguage, terminalPlace } from "./actor.ts";
import { pathLines, saveAttachments } from "./attachments.ts";
import { confirmButton, renderText } from "./render.ts";
import { createApp } from "../../src/app.ts";
import { loadEnv } from "../../src/config.ts";
import type { Reply } from "../../src/core/reply.ts";
import { translator } from "../../src/i18n/index.ts";
import { createLogger, secretsOf } from "../../src/logger.ts";

/** The command line's switches a one-shot command honours. */
export interface OneShotFlags {
  /** Confirm a mutating command without asking. */
  yes: boolean;
  /** Machine output. */
  json: boolean;
}

export async function runOnce(words: string[], flags: OneShotFlags): Promise<number> {
  const env = loadEnv();
  const logger = createLogger({
    level: process.env.LOG_LEVEL ? env.LOG_LEVEL : "warn",
    secrets: secretsOf(process.env),
  });
  const app = await createApp(env, { logger });
  const language = terminalLanguage(process.env, env.MAILBRAKE_LOCALE);
  const request = { actor: consoleActor(), place: terminalPlace, language };
  try {
    let reply = await app.engine.handle({ ...request, text: words.join(" ") });
    const buttons = confirmButton(reply);
    const asked = words[0]?.toLowerCase();
    if (buttons && reply.confirms && reply.confirms !== asked) {
      // `--yes` confirms the action named on the command line, never another one offered.
      const hosting = (reply.data as { hosting?: string } | undefined)?.hosting ?? "";
      const t = translator(language);
      const first = t("console:otherActionFirst", { action: reply.confirms, hosting, asked });
      if (flags.json) output(reply, flags, `${reply.text}\n\n${first}`);
      else process.stderr.write(`${renderText(reply, { color: false })}\n\n${first}\n`);
      return 1;
    }
    if (buttons && !reply.failed) {
      if (!flags.yes) {
        output(reply, flags, `${translator(language)("console:needsYes")}`);
        return 3;
      }
      const result = await app.engine.act({ ...request, buttonId: buttons.confirm });
      reply = result.update ?? result.notice ?? reply;
    }
    const files = await saveAttachments(reply, dirname(env.MAILBRAKE_DATA_FILE));
    output(reply, flags, undefined, files);
    return reply.failed ? 1 : 0;
  } finally {
    await app.close();
  }
}

function output(reply: Reply, flags: OneShotFlags, problem?: string, files: string[] = []): void {
  if (flags.json) {
    const failed = Boolean(reply.failed || problem);
    const body = { ok: !failed, text: problem ?? reply.text, data: reply.data ?? null, files };
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  if (problem) {
    process.stderr.write(`${problem}\n`);
    return;
  }
  const stream = reply.failed ? process.stderr : process.stdout;
  stream.write(`${renderText(reply, { color: false })}${pathLines(files)}\n`);
}
