// The real `mailbrake` CLI in a child process, as scripts and people run it.
import { spawn } from "node:child_process";
import { join } from "node:path";

const bin = new URL("../../bin/mailbrake.js", import.meta.url).pathname;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** The data file goes here; also the working folder. */
  dataDir: string;
  /** Added to a bare environment (PATH, HOME, LANG=C, the data file). */
  env?: Record<string, string>;
  /** Standard input, then closed. */
  input?: string;
}

export function runCli(args: string[], { dataDir, env = {}, input = "" }: CliOptions): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: dataDir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LANG: "C",
        MAILBRAKE_DATA_FILE: join(dataDir, "mailbrake.json"),
        ...env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
