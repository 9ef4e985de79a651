// The real terminal chat in a child process behind a pseudo-terminal (util-linux `script`),
// so that readline runs as in a person's terminal and the test sends the bytes a terminal
// sends: "\r" for Enter, "\x03" for Ctrl-C, "\x04" for Ctrl-D, "\t" for Tab. Waits are on
// what the chat prints, never on time.
import { spawn } from "node:child_process";
import { join } from "node:path";

const bin = new URL("../../bin/mailbrake.js", import.meta.url).pathname;

export interface PtyChat {
  /** Everything printed so far, escape sequences removed. */
  readonly text: string;
  send(bytes: string): void;
  /** Resolves once the output (after `from`) contains `what`. */
  until(what: string | RegExp, from?: number): Promise<void>;
  exited: Promise<number | null>;
}

const plain = (raw: string) => raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r/g, "");

export function startPtyChat(dataDir: string, env: Record<string, string> = {}): PtyChat {
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)}`;
  const child = spawn("script", ["-qfec", command, "/dev/null"], {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TERM: "xterm",
      LANG: "C",
      MAILBRAKE_DATA_FILE: join(dataDir, "mailbrake.json"),
      ...env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let raw = "";
  const waiters: { test: () => boolean; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      if (w.test()) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout.on("data", (d) => {
    raw += d;
    check();
  });
  child.stderr.on("data", (d) => {
    raw += d;
    check();
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    get text() {
      return plain(raw);
    },
    send: (bytes) => child.stdin.write(bytes),
    until(what, from = 0) {
      const test = () => {
        const text = plain(raw).slice(from);
        return typeof what === "string" ? text.includes(what) : what.test(text);
      };
      return new Promise((resolve) => {
        waiters.push({ test, resolve });
        check();
      });
    },
    exited,
  };
}
