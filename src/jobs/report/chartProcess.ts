// Report charts are drawn in a child process of their own (chartWorker.ts). In the bot's
// process the chart libraries (vega, resvg, and vega-lite until its compile moved to
// development time) raised resident memory from ~80 MB to ~156 MB after one chart and kept
// growing (277 MB after 10 000 commands of the memory bench, against a goal of 150 MB). The
// child starts on the first chart, is reused, is stopped after a while idle, and never keeps
// the bot alive: it is unref'ed whenever it has nothing to draw.
import { type ChildProcess, fork } from "node:child_process";
import { createRequire } from "node:module";
import { extname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Attachment } from "../../core/reply.ts";
import type { Language } from "../../i18n/index.ts";
import type { DayPoint } from "./reportData.ts";

export interface ChartRequest {
  id: number;
  days: readonly DayPoint[];
  language: Language;
  /** What the chart shows: the hosting(s), the range and the time zone. */
  title?: string;
}

export type ChartResponse = { id: number; png: Uint8Array } | { id: number; error: string };

export type ChartErrorCode = "crashed" | "timeout" | "failed" | "stopped";

export class ChartError extends Error {
  constructor(
    readonly code: ChartErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ChartError";
  }
}

export interface ChartProcessOptions {
  /** The child's entry file (tests pass a misbehaving one). */
  workerFile?: string;
  /** A child with nothing to draw for this long is stopped. */
  idleMs?: number;
  /** A chart not back after this long fails, and the child is killed. */
  timeoutMs?: number;
  /** After this many charts the child is replaced once idle, so its own memory stays bounded. */
  maxCharts?: number;
  /** Arms a chart's deadline; returns its cancel (tests fire deadlines themselves). */
  deadline?: (ms: number, onTimeout: () => void) => () => void;
}

const realDeadline = (ms: number, onTimeout: () => void): (() => void) => {
  const timer = setTimeout(onTimeout, ms);
  return () => clearTimeout(timer);
};

const DEFAULTS: Required<ChartProcessOptions> = {
  // Beside this code: chartWorker.ts in the sources, chartWorker.js in the build (dist/).
  workerFile: fileURLToPath(new URL(`./chartWorker${extname(import.meta.url)}`, import.meta.url)),
  idleMs: 30_000,
  timeoutMs: 20_000,
  maxCharts: 500,
  deadline: realDeadline,
};

/** Node's options for the child: the built worker is JavaScript; from the sources (tests), a
 * TypeScript worker runs through tsx's loader, a development tool. */
const workerArgv = (file: string): string[] =>
  file.endsWith(".ts")
    ? ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href]
    : [];

interface Pending {
  resolve(png: Buffer): void;
  reject(error: Error): void;
  cancel(): void;
}

export class ChartProcess {
  private readonly options: Required<ChartProcessOptions>;
  private child: ChildProcess | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Charts drawn by the current child. */
  private drawn = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(options: ChartProcessOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** The running child's process id, if one is running. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Draws the chart in the child (started if needed); rejects with a ChartError. */
  render(days: readonly DayPoint[], language: Language, title?: string): Promise<Buffer> {
    const child = this.child ?? this.start();
    const id = this.nextId++;
    this.busy(child);
    return new Promise<Buffer>((resolve, reject) => {
      const cancel = this.options.deadline(this.options.timeoutMs, () => {
        const seconds = this.options.timeoutMs / 1000;
        this.fail(
          child,
          new ChartError("timeout", `chart not drawn within ${seconds} s; chart process killed`),
        );
      });
      this.pending.set(id, { resolve, reject, cancel });
      const request: ChartRequest = { id, days, language, title };
      child.send(request, (error) => {
        if (error)
          this.fail(
            child,
            new ChartError("crashed", `chart process unreachable: ${error.message}`),
          );
      });
    });
  }

  /** Starts the child ahead of a chart, so that its start-up overlaps the caller's reading. */
  warm(): void {
    if (!this.child) this.idle(this.start());
  }

  /** Stops the child (if any); charts still being drawn fail. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    this.fail(child, new ChartError("stopped", "chart process stopped"));
    if (child.exitCode === null && child.signalCode === null) await exited;
  }

  private start(): ChildProcess {
    const child = fork(this.options.workerFile, [], {
      execArgv: workerArgv(this.options.workerFile),
      serialization: "advanced",
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    this.child = child;
    this.drawn = 0;
    child.on("message", (message: ChartResponse) => this.settle(child, message));
    child.on("error", (error) =>
      this.fail(child, new ChartError("crashed", `chart process failed: ${error.message}`)),
    );
    child.on("exit", (code, signal) => {
      const how = signal ? `signal ${signal}` : `code ${code}`;
      this.fail(
        child,
        new ChartError("crashed", `chart process exited (${how}) before drawing the chart`),
      );
    });
    return child;
  }

  private settle(child: ChildProcess, message: ChartResponse): void {
    const waiting = this.pending.get(message.id);
    if (child !== this.child || !waiting) return;
    this.pending.delete(message.id);
    waiting.cancel();
    this.drawn += 1;
    if ("png" in message) {
      waiting.resolve(
        Buffer.from(message.png.buffer, message.png.byteOffset, message.png.byteLength),
      );
    } else {
      waiting.reject(new ChartError("failed", `chart could not be drawn: ${message.error}`));
    }
    if (this.pending.size === 0) this.idle(child);
  }

  private busy(child: ChildProcess): void {
    clearTimeout(this.idleTimer);
    child.ref();
    child.channel?.ref();
  }

  private idle(child: ChildProcess): void {
    child.unref();
    child.channel?.unref();
    if (this.drawn >= this.options.maxCharts) {
      this.retire(child);
      return;
    }
    this.idleTimer = setTimeout(() => this.retire(child), this.options.idleMs);
    this.idleTimer.unref();
  }

  /** Lets an idle child go: it exits when its channel closes. */
  private retire(child: ChildProcess): void {
    if (child !== this.child || this.pending.size > 0) return;
    this.child = undefined;
    if (child.connected) child.disconnect();
  }

  /** Drops a child that crashed, hung or is being stopped, failing what it was drawing. */
  private fail(child: ChildProcess, error: ChartError): void {
    if (child !== this.child) return;
    this.child = undefined;
    clearTimeout(this.idleTimer);
    if (child.exitCode === null && child.signalCode === null) child.kill();
    child.unref();
    child.channel?.unref();
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { cancel, reject } of waiting) {
      cancel();
      reject(error);
    }
  }
}

let shared: ChartProcess | undefined;

/** The bot's one chart process (created on first use). */
export function chartProcess(): ChartProcess {
  shared ??= new ChartProcess();
  return shared;
}

/** Swaps the shared chart process (tests); returns the one it replaced. */
export function setChartProcess(next: ChartProcess | undefined): ChartProcess | undefined {
  const previous = shared;
  shared = next;
  return previous;
}

/** Stops the shared chart process, if it was started (end of a benchmark or test file). */
export async function stopChartProcess(): Promise<void> {
  await shared?.stop();
}

/** The report chart as a PNG attachment, drawn in the chart process. */
export async function renderChart(
  days: readonly DayPoint[],
  language: Language,
  filename: string,
  title?: string,
): Promise<Attachment> {
  const data = await chartProcess().render(days, language, title);
  return { filename, contentType: "image/png", data };
}
