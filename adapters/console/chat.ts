// The terminal chat: a prompt with history, cards as text, confirmations as [y/N] questions,
// and channel posts printed as they come.
import { appendFile, readFile } from "node:fs/promises";
import { createInterface, type Interface } from "node:readline";
import type { Engine } from "../../src/core/engine.ts";
import type { Reply } from "../../src/core/reply.ts";
import type { Language } from "../../src/i18n/index.ts";
import { translator } from "../../src/i18n/index.ts";
import { isYes } from "./answers.ts";
import { consoleActor, terminalPlace } from "./actor.ts";
import { pathLines, saveAttachments } from "./attachments.ts";
import { confirmButton, renderText, type TerminalStyle } from "./render.ts";

export interface ChatOptions {
  engine: Engine;
  language: Language;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  style: TerminalStyle;
  historyFile: string;
  /** Where attachments of answers (report charts) are saved. */
  attachmentDir: string;
}

const HISTORY_LINES = 200;

export class TerminalChat {
  private rl: Interface | undefined;
  /** While a command is being answered the prompt is not shown again for channel posts. */
  private busy = false;
  private readonly actor = consoleActor();
  private readonly t;

  constructor(private readonly options: ChatOptions) {
    this.t = translator(options.language);
  }

  /** Prints a line without breaking the prompt the user is typing at. */
  print = (text: string): void => {
    const { output } = this.options;
    if (!this.rl || this.busy) {
      output.write(`${text}\n`);
      return;
    }
    if ((output as NodeJS.WriteStream).isTTY) output.write("\r\x1b[K");
    output.write(`${text}\n`);
    this.rl.prompt(true);
  };

  /** Runs until the user types exit or closes input; resolves then. */
  async run(): Promise<void> {
    const { input, output, historyFile } = this.options;
    const history = await readHistory(historyFile);
    const rl = createInterface({ input, output, history, historySize: HISTORY_LINES, terminal: (output as NodeJS.WriteStream).isTTY === true });
    this.rl = rl;
    rl.setPrompt("mailbrake> ");
    const hostings = await this.options.engine.hostings.list().catch(() => []);
    output.write(`${this.t("console:welcome", { count: hostings.length, provider: this.options.engine.services.provider.kind })}\n`);
    rl.prompt();
    const lines = rl[Symbol.asyncIterator]();
    for (;;) {
      const next = await lines.next();
      if (next.done) break;
      const line = String(next.value).trim();
      if (line === "exit" || line === "quit") break;
      if (line) {
        await appendFile(historyFile, `${line}\n`).catch(() => undefined);
        this.busy = true;
        await this.answer(line, () => lines.next()).catch((error: unknown) => {
          // The engine answers every expected failure itself; this is a last resort.
          this.print(this.t("console:crashed", { message: (error as Error).message }));
        });
        this.busy = false;
      }
      rl.prompt();
    }
    rl.close();
    this.rl = undefined;
  }

  private async answer(line: string, ask: () => Promise<IteratorResult<string>>): Promise<void> {
    const { engine, language, style } = this.options;
    const request = { actor: this.actor, place: terminalPlace, language };
    const reply = await engine.handle({ ...request, text: line });
    const paths = await saveAttachments(reply, this.options.attachmentDir);
    this.options.output.write(`${renderText(reply, style)}${pathLines(paths)}\n`);
    const buttons = confirmButton(reply);
    if (!buttons) return;
    this.options.output.write(`${this.t("console:confirmPrompt")} `);
    const answer = await ask();
    const yes = !answer.done && isYes(language, String(answer.value));
    const buttonId = yes ? buttons.confirm : buttons.cancel;
    if (!buttonId) return;
    const result = await engine.act({ ...request, buttonId });
    this.show(result.update ?? result.notice);
  }

  private show(reply: Reply | undefined): void {
    if (reply) this.options.output.write(`${renderText(reply, this.options.style)}\n`);
  }
}

async function readHistory(file: string): Promise<string[]> {
  try {
    const lines = (await readFile(file, "utf8")).split("\n").filter(Boolean);
    return lines.slice(-HISTORY_LINES).reverse();
  } catch {
    return [];
  }
}
