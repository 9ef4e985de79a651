// One command from the command line, then exit: `mailbrake status all --json`,
// `mailbrake block example.com --yes`.
import { dirname } from "node:path";
import type { Logger } from "pino";
import { consoleActor, oneShotPlace } from "./actor.ts";
import { pathLines, saveAttachments } from "./attachments.ts";
import { confirmButton, renderText } from "./render.ts";
import type { ProviderHandle } from "../../src/app.ts";
import { bootApp, startPosters } from "../../src/boot.ts";
import type { Reply } from "../../src/core/reply.ts";
import { translator } from "../../src/i18n/index.ts";

/** Exit codes of one-shot commands (listed in `--help` and the README). */
export const EXIT = {
  ok: 0,
  /** Refused (the state does not allow it, a role is missing) or failed. */
  refused: 1,
  /** Configuration, credentials or data file. */
  config: 2,
  /** A change asked without --yes. */
  needsYes: 3,
  /** Bad usage: an unknown option, a bad option value. */
  usage: 4,
  /** The provider could not be reached (network, timeout, 5xx after retries): try again later. */
  unreachable: 5,
} as const;

/** The exit code of a reply: a failure is a refusal unless it says it is of another kind. */
export function exitCode(reply: Reply): number {
  if (!reply.failed) return EXIT.ok;
  if (reply.failedAs === "unreachable") return EXIT.unreachable;
  if (reply.failedAs === "usage") return EXIT.usage;
  return EXIT.refused;
}

/** The command line's switches a one-shot command honours. */
export interface OneShotFlags {
  /** Confirm a mutating command without asking. */
  yes: boolean;
  /** Machine output. */
  json: boolean;
}

type Stream = { write(text: string): unknown };

/** Where a one-shot run reads and writes (the process's own, unless a test gives others). */
export interface OneShotIo {
  env: NodeJS.ProcessEnv;
  out: Stream;
  err: Stream;
  /** Tests open the provider themselves (a fake API, fake timers). */
  openProvider?: (logger: Logger) => ProviderHandle;
}

const processIo = (): OneShotIo => ({ env: process.env, out: process.stdout, err: process.stderr });

export async function runOnce(words: string[], flags: OneShotFlags, io: OneShotIo = processIo()): Promise<number> {
  // A person reads stderr: the one-line reasons of the reply, not JSON logs. Logs only when
  // asked for with LOG_LEVEL (a service writes them always).
  const { app, env, language } = await bootApp({
    env: io.env,
    quietLevel: "silent",
    destination: io.err,
    provider: io.openProvider,
  });
  const request = { actor: consoleActor(), place: oneShotPlace, language };
  try {
    let reply = await app.engine.handle({ ...request, text: words.join(" ") });
    const buttons = confirmButton(reply);
    const asked = words[0]?.toLowerCase();
    if (buttons && reply.confirms && reply.confirms !== asked) {
      // `--yes` confirms the action named on the command line, never another one offered.
      const hosting = (reply.data as { hosting?: string } | undefined)?.hosting ?? "";
      const t = translator(language);
      const first = t("console:otherActionFirst", { action: reply.confirms, hosting, asked });
      if (flags.json) output(io, reply, flags, `${reply.text}\n\n${first}`);
      else io.err.write(`${renderText(reply, { color: false })}\n\n${first}\n`);
      return EXIT.refused;
    }
    if (buttons && !reply.failed) {
      if (!flags.yes) {
        output(io, reply, flags, `${translator(language)("console:needsYes")}`);
        return EXIT.needsYes;
      }
      const posters = await startPosters(app);
      try {
        const result = await app.engine.act({ ...request, buttonId: buttons.confirm });
        reply = result.update ?? result.notice ?? reply;
      } finally {
        await Promise.all(posters.map((poster) => poster.stop()));
      }
    }
    const files = await saveAttachments(reply, dirname(env.MAILBRAKE_DATA_FILE));
    output(io, reply, flags, undefined, files);
    return exitCode(reply);
  } finally {
    await app.close();
  }
}

function output(io: OneShotIo, reply: Reply, flags: OneShotFlags, problem?: string, files: string[] = []): void {
  if (flags.json) {
    const failed = Boolean(reply.failed || problem);
    const body = { ok: !failed, text: problem ?? reply.text, data: reply.data ?? null, files };
    io.out.write(`${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  if (problem) {
    io.err.write(`${problem}\n`);
    return;
  }
  const stream = reply.failed ? io.err : io.out;
  stream.write(`${renderText(reply, { color: false })}${pathLines(files)}\n`);
}
