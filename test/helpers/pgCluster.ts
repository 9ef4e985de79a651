// A private, throw-away PostgreSQL server on loopback for the tests and the bench: the
// distribution's binaries (`initdb`, `pg_ctl`), a data folder and socket in a temporary
// folder, a free port on 127.0.0.1, password authentication over TCP. PostgreSQL refuses to
// run as root, so as root (CI, these machines) every server command runs as the `postgres`
// system user the package creates.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { chmod, chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);
const SUPERUSER = "mailbrake";

/** The folder holding `initdb` and `pg_ctl`, or a clear error saying how to get them. */
export function findPgBin(): string {
  const fromPath = (process.env.PATH ?? "").split(delimiter).find((dir) => dir && existsSync(join(dir, "pg_ctl")));
  if (fromPath) return fromPath;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "pg_ctl"))).sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return join(root, versions[0], "bin");
  throw new Error(
    "No PostgreSQL server binaries (initdb, pg_ctl) found on PATH or under /usr/lib/postgresql/*/bin. The PostgreSQL tests need them: install the server with `apt-get install -y postgresql` (Debian/Ubuntu) and run again.",
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export class PgCluster {
  private constructor(
    private readonly bin: string,
    readonly dir: string,
    readonly port: number,
    private readonly password: string,
    private readonly asPostgres: boolean,
  ) {}

  /** initdb + start; resolves once the server accepts connections. */
  static async start(): Promise<PgCluster> {
    const bin = findPgBin();
    const asPostgres = userInfo().uid === 0;
    const dir = await mkdtemp(join(tmpdir(), "mailbrake-pg-"));
    const password = randomBytes(12).toString("hex");
    await writeFile(join(dir, "pwfile"), `${password}\n`);
    if (asPostgres) {
      const { stdout } = await run("id", ["-u", "postgres"]);
      const { stdout: gid } = await run("id", ["-g", "postgres"]);
      await chown(dir, Number(stdout.trim()), Number(gid.trim()));
      await chown(join(dir, "pwfile"), Number(stdout.trim()), Number(gid.trim()));
    }
    await chmod(dir, 0o700);
    const cluster = new PgCluster(bin, dir, await freePort(), password, asPostgres);
    await cluster.exec("initdb", [
      "-D", join(dir, "data"), "-U", SUPERUSER, `--pwfile=${join(dir, "pwfile")}`,
      "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync",
    ]);
    await cluster.startServer();
    return cluster;
  }

  /** A URL to `database` (default: the maintenance database) with the superuser. */
  url(database = "postgres", password = this.password): string {
    return `postgres://${SUPERUSER}:${password}@127.0.0.1:${this.port}/${database}`;
  }

  /** A fresh, empty database on this server; returns its URL. */
  createDatabase(): Promise<string> {
    return createDatabase(this.url());
  }

  /** Starts the server again after `stopServer` (same port and data). */
  async startServer(): Promise<void> {
    const options = [
      `-p ${this.port}`, "-c listen_addresses=127.0.0.1", `-k ${this.dir}`,
      // A test server: durability is not what is tested, speed is welcome.
      "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=200",
    ].join(" ");
    await this.exec("pg_ctl", ["-D", join(this.dir, "data"), "-l", join(this.dir, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
  }

  /** Stops the server (fast shutdown: clients are disconnected). */
  async stopServer(): Promise<void> {
    await this.exec("pg_ctl", ["-D", join(this.dir, "data"), "-m", "fast", "-w", "-t", "60", "stop"]);
  }

  /** Stops the server and removes every file. */
  async destroy(): Promise<void> {
    await this.exec("pg_ctl", ["-D", join(this.dir, "data"), "-m", "immediate", "-w", "stop"]).catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }

  private async exec(command: string, args: string[]): Promise<void> {
    const file = join(this.bin, command);
    const [program, argv] = this.asPostgres ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
    try {
      await run(program, argv, { cwd: this.dir, env: { ...process.env, LC_ALL: "C" } });
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new Error(`${command} failed: ${(e.stderr ?? "").trim() || e.message}`);
    }
  }
}

/** A fresh, empty database on the server of `adminUrl` (a superuser URL); returns its URL. */
export async function createDatabase(adminUrl: string): Promise<string> {
  const name = `mb_test_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
