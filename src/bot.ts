// The running bot (`mailbrake`, `mailbrake chat`): boot → app → adapters + jobs, until the
// chat ends or a signal comes. Chat adapters load only when configured.
import { dirname, join } from "node:path";
import { TerminalChat } from "../adapters/console/chat.ts";
import { terminalLanguage } from "../adapters/console/actor.ts";
import { ConsoleSink } from "../adapters/console/sink.ts";
import { type App, createApp, type RunningAdapter } from "./app.ts";
import { boot } from "./boot.ts";
import { usesDiscord, usesSlack } from "./config.ts";
import { translator } from "./i18n/index.ts";

export async function runBot(options: { forceTerminal: boolean }): Promise<number> {
  const terminal = options.forceTerminal || process.stdin.isTTY === true;
  // In the terminal chat, logs would mix with the conversation: warnings only unless asked.
  const { env, logger } = boot(terminal ? { quietLevel: "warn" } : {});
  const slack = usesSlack(env);
  const discord = usesDiscord(env);
  if (!slack && !discord && !terminal) {
    process.stderr.write(`mailbrake: ${translator(env.MAILBRAKE_LOCALE)("console:noTerminal")}\n`);
    return 1;
  }
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection"));
  // Listened for before anything starts: a stop asked during start-up (a service manager's
  // SIGTERM) lets the start finish, then stops cleanly, instead of killing the process midway.
  // Ctrl-C in the terminal chat is the chat's to handle.
  const signalled = new Promise<"signal">((resolve) => {
    process.once("SIGTERM", () => resolve("signal"));
    if (!terminal) process.once("SIGINT", () => resolve("signal"));
  });

  // With the terminal alone, every post printed in it (announcements, progress, alerts, hold
  // warnings, reports) is in the reader's language, as the answers are.
  const readerLanguage = terminal && !slack && !discord ? terminalLanguage(process.env, env.MAILBRAKE_LOCALE) : undefined;
  const app = await createApp(env, { logger, channelLanguage: readerLanguage });
  const adapters: RunningAdapter[] = [];
  if (slack) adapters.push(await startAdapter(app, "slack"));
  // With a shared database, Discord's one gateway session moves with the leader (two sessions on
  // one token would both get every interaction), while every replica posts through REST: an
  // action carried out here is announced in Discord whoever leads.
  const discordOnLeader = discord && app.services.store.kind === "postgres";
  if (discord && !discordOnLeader) adapters.push(await startAdapter(app, "discord"));
  if (discordOnLeader) adapters.push((await discordModule()).startPoster(app));
  // The terminal's channel sink first: the jobs' first tick may post at once (a late report).
  const chat = terminal ? openTerminalChat(app) : undefined;
  // The prompt first: the scheduled work (and its code) starts once the chat is ready for input.
  const chatEnded = chat?.run().then(() => "input" as const);
  if (chat && chatEnded) await Promise.race([chat.ready, chatEnded]);
  const { startLeaderWork } = await import("./jobs/leaderWork.ts");
  const leaderAdapters = [async () => (await discordModule()).start(app, { posts: false })];
  const jobs = await startLeaderWork(app, discordOnLeader ? { leaderAdapters } : {});
  app.leadership.leading = () => jobs.leading;
  logger.info(
    { provider: app.services.provider.kind, slack, discord, terminal },
    "mailbrake started",
  );

  const stop = async () => {
    await jobs.stop().catch(() => undefined);
    await Promise.all(adapters.map((a) => a.stop().catch(() => undefined)));
    await app.close();
  };
  if (chatEnded) {
    // A service manager's SIGTERM ends the chat too: the jobs stop and a leader hands over.
    const ended = await Promise.race([chatEnded, signalled]);
    await stop();
    // The chat still waits on its input: leave now that everything is stopped and saved.
    if (ended === "signal") process.exit(0);
    return 0;
  }
  await signalled;
  await stop();
  return 0;
}

function openTerminalChat(app: App): TerminalChat {
  const { env } = app;
  const chat = new TerminalChat({
    engine: app.engine,
    language: terminalLanguage(process.env, env.MAILBRAKE_LOCALE),
    input: process.stdin,
    output: process.stdout,
    style: { color: process.stdout.isTTY === true && !process.env.NO_COLOR },
    historyFile: join(dirname(env.MAILBRAKE_DATA_FILE), "history.txt"),
    attachmentDir: dirname(env.MAILBRAKE_DATA_FILE),
  });
  app.services.notifier.add(new ConsoleSink(chat.print, { color: false }, dirname(env.MAILBRAKE_DATA_FILE)));
  return chat;
}

const discordModule = () => import("../adapters/discord/start.ts");

async function startAdapter(app: App, name: "slack" | "discord"): Promise<RunningAdapter> {
  const module = (await import(`../adapters/${name}/start.ts`)) as {
    start(app: App): Promise<RunningAdapter>;
  };
  return module.start(app);
}
