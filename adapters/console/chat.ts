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
const PROMPT = "mailbrake> ";

/** Tab completion: command words first, then hosting names (and `all`) after a command. */
export function complete(line: string, commands: readonly string[], hostings: readonly string[]): [string[], string] {
  const words = line.split(/\s+/);
  const current = words[words.length - 1] ?? "";
  const candidates = words.length <= 1 ? commands : words.length === 2 ? [...hostings, "all"] : [];
  const hits = candidates.filter((c) => c.startsWith(current.toLowerCase()));
  return [hits.length > 0 ? hits : [], current];
}

export class TerminalChat {
  private rl: Interface | undefined;
  /** While a command is being answered the prompt is not shown again for channel posts. */
  private busy = false;
  private readonly actor = consoleActor();
  private readonly t;
  private promptShown: () => void = () => undefined;
  /** Settled once the first prompt is shown: the bot starts its scheduled work then. */
  readonly ready = new Promise<void>((resolve) => {
    this.promptShown = resolve;
  });

  constructor(private readonly options: ChatOptions) {
    this.t = translator(options.language);
    this.terminal = (options.output as NodeJS.WriteStream).isTTY === true;
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

  /** Runs until the user types exit, presses Ctrl-C twice or closes input; resolves then. */
  async run(): Promise<void> {
    const { output, historyFile } = this.options;
    this.history = await readHistory(historyFile);
    this.hostingNames = await this.options.engine.hostings.list().catch(() => []);
    this.open();
    output.write(`${this.t("console:welcome", { count: this.hostingNames.length, provider: this.options.engine.services.provider.kind })}\n`);
    for (;;) {
      const next = await this.readLine(PROMPT);
      if (next === undefined) break;
      const line = next.trim();
      if (line === "exit" || line === "quit") break;
      if (!line) continue;
      await appendFile(historyFile, `${line}\n`).catch(() => undefined);
      this.busy = true;
      await this.answer(line).catch((error: unknown) => {
        // The engine answers every expected failure itself; this is a last resort.
        this.print(this.t("console:crashed", { message: (error as Error).message }));
      });
      this.busy = false;
    }
    this.quitting = true;
    this.rl?.close();
    this.rl = undefined;
  }

  private readonly terminal: boolean;
  /** Lines that came before anyone asked (piped input arrives all at once). */
  private readonly queued: string[] = [];
  private ended = false;
  private history: string[] = [];
  private hostingNames: string[] = [];
  /** The line (or question) being waited for: settled by a line, Ctrl-C, Ctrl-D or the end of input. */
  private waiting: ((line: string | undefined) => void) | undefined;
  private asking = false;
  /** Ctrl-C at an empty prompt once: a second one quits. */
  private interrupted = false;
  private quitting = false;

  /** A readline interface; opened again after Ctrl-D closed one at a question. */
  private open(): void {
    const { input, output } = this.options;
    const rl = createInterface({
      input,
      output,
      history: this.history,
      historySize: HISTORY_LINES,
      terminal: this.terminal,
      completer: (line: string) => complete(line, this.commandWords(), this.hostingNames),
    });
    this.rl = rl;
    rl.on("history", (lines: string[]) => {
      this.history = lines;
    });
    rl.on("line", (line: string) => {
      this.interrupted = false;
      const settle = this.waiting;
      this.waiting = undefined;
      if (settle) settle(line);
      else this.queued.push(line);
    });
    rl.on("SIGINT", () => this.onInterrupt(rl));
    rl.on("close", () => {
      if (this.rl === rl) this.rl = undefined;
      const settle = this.waiting;
      this.waiting = undefined;
      // Ctrl-D at a question cancels it, and the chat carries on (the input is still there).
      if (settle && this.asking && this.terminal && !this.quitting) {
        this.options.output.write("\n");
        this.open();
      } else {
        this.ended = true;
      }
      settle?.(undefined);
    });
  }

  private onInterrupt(rl: Interface): void {
    const { output } = this.options;
    const settle = this.waiting;
    if (this.asking && settle) {
      // At a question, Ctrl-C answers no.
      this.waiting = undefined;
      output.write("^C\n");
      settle(undefined);
      return;
    }
    if (rl.line.length > 0) {
      // A half-typed line is cleared, never run and never a reason to quit.
      rl.write(null, { ctrl: true, name: "e" });
      rl.write(null, { ctrl: true, name: "u" });
      this.interrupted = false;
      output.write("^C\n");
      rl.prompt();
      return;
    }
    if (this.interrupted) {
      output.write("\n");
      this.waiting = undefined;
      settle?.(undefined);
      return;
    }
    this.interrupted = true;
    output.write(`^C\n${this.t("console:ctrlC")}\n`);
    rl.prompt();
  }

  /** The next line typed at `prompt`; undefined when the chat should end (or a question is cancelled). */
  private readLine(prompt: string, asking = false): Promise<string | undefined> {
    const rl = this.rl;
    const early = this.queued.shift();
    if (rl) {
      rl.setPrompt(prompt);
      rl.prompt();
    } else if (early !== undefined) {
      this.options.output.write(prompt);
    }
    this.promptShown();
    if (early !== undefined || !rl || this.ended) {
      rl?.setPrompt(PROMPT);
      return Promise.resolve(early);
    }
    this.asking = asking;
    return new Promise((resolve) => {
      this.waiting = (line) => {
        this.asking = false;
        rl.setPrompt(PROMPT);
        resolve(line);
      };
    });
  }

  private commandWords(): string[] {
    return [...this.options.engine.commands.map((c) => c.name), "exit"];
  }

  private async answer(line: string): Promise<void> {
    const { engine, language, style } = this.options;
    const request = { actor: this.actor, place: terminalPlace, language };
    const reply = await engine.handle({ ...request, text: line });
    const paths = await saveAttachments(reply, this.options.attachmentDir);
    this.options.output.write(`${renderText(reply, style)}${pathLines(paths)}\n`);
    const buttons = confirmButton(reply);
    if (!buttons) return;
    this.busy = false;
    const answer = await this.readLine(`${this.t("console:confirmPrompt")} `, true);
    this.busy = true;
    const yes = answer !== undefined && isYes(language, answer);
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
