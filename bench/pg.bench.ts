// PostgreSQL store (a private server from the distribution's binaries, as in the tests):
// 50 concurrent claims of one button through two handles, confirmed actions a second through
// one replica and two, the lease hand-over, `history` over 1,000,000 audit records, and one
// day's errors of 500 hostings among 100,000 (read, and grouped in SQL).
import { performance } from "node:perf_hooks";
import pino from "pino";
import { createApp } from "../src/app.ts";
import { ManualClock } from "../src/clock.ts";
import { envSchema } from "../src/config.ts";
import type { Actor } from "../src/core/actor.ts";
import { Sandbox } from "../src/hosting/sandbox/index.ts";
import type pg from "pg";
import { openPool } from "../src/store/pg/connection.ts";
import { openPgStore } from "../src/store/pg/open.ts";
import type { PgStore } from "../src/store/pg/pgStore.ts";
import { PgCluster } from "../test/helpers/pgCluster.ts";
import { ms, summary } from "./stats.ts";

const audit = { maxRecords: 2_000_000, maxAgeMs: 3650 * 86_400_000 };
const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const alice = { platform: "slack", id: "U1", name: "Alice" };
const place = { platform: "slack", channel: "C1" };

async function timed(runs: number, work: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return summary(samples);
}

async function claims(a: PgStore, b: PgStore): Promise<void> {
  const winners: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const c = await a.confirmations.create({
      kind: "confirm", mutation: "block", hosting: `h${run}.fr`, args: {}, requester: alice,
      channel: "C1", language: "en", createdAt: T0, expiresAt: T0 + 300_000,
    });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).confirmations.claim(c.token, { to: "executing", by: alice, place, at: T0 + i })),
    );
    winners.push(results.filter((r) => r.kind === "claimed").length);
  }
  console.log(`50 concurrent claims through two handles, 5 runs: winners ${winners.join(", ")}`);
}

async function confirmedActions(url: string): Promise<void> {
  const clock = new ManualClock();
  const sandbox = await Sandbox.open({ clock, seed: 1 });
  await sandbox.addHostings(400);
  const hostings = (await sandbox.listHostings()).slice(0, 400);
  const env = envSchema.parse({ DATABASE_URL: url, MAILBRAKE_ADMINS: "slack:ADMIN" });
  const open = () => createApp(env, { logger: pino({ level: "silent" }), provider: { provider: sandbox, clock, sandbox } });
  const replicas = [await open(), await open()];
  const actor: Actor = { platform: "slack", id: "ADMIN", name: "admin", groups: [] };
  let next = 0;
  const confirmOne = async (app: (typeof replicas)[number]) => {
    const hosting = hostings[next++]!;
    const card = await app.engine.handle({ actor, place: { channel: "C1", inTeamSpace: true }, language: "en", text: `block ${hosting}` });
    const id = (card.card?.blocks ?? []).flatMap((b) => (b.type === "actions" ? b.buttons.map((x) => x.id) : []))[0]!;
    await app.engine.act({ actor, place: { channel: "C1", inTeamSpace: true }, language: "en", buttonId: id });
  };
  for (const [label, used] of [["one replica", [replicas[0]!]], ["two replicas", replicas]] as const) {
    const start = performance.now();
    const count = 150;
    let done = 0;
    await Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        while (done < count) {
          done += 1;
          await confirmOne(used[worker % used.length]!);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    console.log(`confirmed actions through ${label} (8 in flight): ${(count / seconds).toFixed(0)}/s`);
  }
  await Promise.all(replicas.map((r) => r.close()));
}

async function handOver(a: PgStore, b: PgStore): Promise<void> {
  const result = await timed(20, async () => {
    const lease = (await a.lease.acquire("a", 15_000))!;
    await a.lease.release(lease);
    await b.lease.acquire("b", 15_000).then((l) => l && b.lease.release(l));
  });
  console.log(`lease hand-over on SIGTERM (release, then the next replica's acquire): p50 ${ms(result.p50)}; after a crash: within TTL 15 s + one 5 s attempt`);
}

async function history(store: PgStore, seed: pg.Pool): Promise<void> {
  await seed.query(
    `INSERT INTO mb_audit (at, hosting, body)
     SELECT $1::bigint + g, 'h' || (g % 500) || '.fr',
            jsonb_build_object('at', $1::bigint + g, 'event', 'request', 'platform', 'slack', 'actorId', 'U1', 'actorName', 'Alice',
                               'channel', 'C1', 'command', 'status', 'hosting', 'h' || (g % 500) || '.fr', 'outcome', 'answered')
     FROM generate_series(1, 1000000) AS g`,
    [T0],
  );
  await seed.query("ANALYZE mb_audit");
  const all = await timed(30, () => store.audit.recent(20));
  const one = await timed(30, () => store.audit.recent(20, "h123.fr"));
  console.log(`history over 1,000,000 audit records: all p50 ${ms(all.p50)} p99 ${ms(all.p99)}; one hosting p50 ${ms(one.p50)} p99 ${ms(one.p99)} (goal < 50 ms)`);
}

async function errors(store: PgStore, seed: pg.Pool): Promise<void> {
  const day = 86_400_000;
  await seed.query(
    `INSERT INTO mb_errors (key, at, hosting, recipient, message)
     SELECT 'k' || g, $1::bigint + (g::bigint * 12096) % (14 * $2::bigint), 'h' || (g % 500) || '.fr', 'user' || (g % 977) || '@d' || (g % 37) || '.com',
            CASE g % 3 WHEN 0 THEN '550 5.1.1 no such user' WHEN 1 THEN '452 mailbox full' ELSE '554 spam detected' END
     FROM generate_series(1, 100000) AS g`,
    [T0 - 14 * day, day],
  );
  await seed.query("ANALYZE mb_errors");
  let rows = 0;
  const read = await timed(10, async () => {
    rows = (await store.errors.between(T0 - day, T0)).length;
  });
  const grouped = await timed(10, () =>
    store.pool.query(
      "SELECT hosting, message, count(*) FROM mb_errors WHERE at >= $1 AND at < $2 GROUP BY hosting, message",
      [T0 - 14 * day, T0],
    ),
  );
  console.log(`daily report, 500 hostings: one day's ${rows} errors read p50 ${ms(read.p50)}; all 100,000 grouped by hosting in SQL p50 ${ms(grouped.p50)} (goal < 500 ms)`);
}

const cluster = await PgCluster.start();
try {
  const url = await cluster.createDatabase();
  const a = await openPgStore(url, { audit });
  const b = await openPgStore(url, { audit });
  await claims(a, b);
  await handOver(a, b);
  await confirmedActions(await cluster.createDatabase());
  // Seeding takes longer than the store's statement deadline: a pool without one.
  const seed = openPool(url, { statementTimeoutMs: 0 });
  await history(a, seed);
  await errors(a, seed);
  await seed.end();
  await Promise.all([a.close(), b.close()]);
} finally {
  await cluster.destroy();
}
