// The Discord adapter (loaded through start.ts): logs in on the gateway, registers /mail when
// its definition changed, answers commands, clicks and autocomplete through the engine, and
// posts to channels.
import { randomBytes } from "node:crypto";
import { type Client, Events, type GatewayDispatchPayload, type Interaction } from "discord.js";
import type { Logger } from "pino";
import type { App, RunningAdapter } from "../../src/app.ts";
import { ConfigError } from "../../src/errors.ts";
import { translate } from "../../src/i18n/index.ts";
import { askerOf } from "./actor.ts";
import { handleAutocomplete } from "./autocomplete.ts";
import { handleButton } from "./buttonHandler.ts";
import { createClient } from "./client.ts";
import { handleCommand } from "./commandHandler.ts";
import { type LoginOptions, logIn } from "./login.ts";
import { COMMAND_NAME, commandDefinitions } from "./definitions.ts";
import { replyOptions } from "./payload.ts";
import { registerCommands } from "./register.ts";
import { guardRawPacket } from "./rawGuard.ts";
import { renderMessage } from "./render.ts";
import { safeError } from "./safeError.ts";
import { DiscordSink } from "./sink.ts";
import { DEFAULT_TIMING, type Timing } from "./timing.ts";

export interface DiscordOptions extends Partial<Timing>, LoginOptions {
  /**
   * Whether this adapter posts to channels (default true). False when a poster of its own
   * (poster.ts) already does, as on every replica of a shared database.
   */
  posts?: boolean;
}

export interface RunningDiscord extends RunningAdapter {
  client: Client;
  sink: DiscordSink;
  registration: "unchanged" | "registered" | "failed";
}

export async function startDiscord(
  app: App,
  options: DiscordOptions = {},
): Promise<RunningDiscord> {
  const {
    DISCORD_TOKEN: token,
    DISCORD_APPLICATION_ID: applicationId,
    DISCORD_GUILD_ID: guildId,
  } = app.env;
  if (!token || !applicationId)
    throw new ConfigError("DISCORD_TOKEN and DISCORD_APPLICATION_ID are both required");
  const logger = app.services.logger.child({ component: "discord" });
  const timing: Timing = { ...DEFAULT_TIMING, ...options };
  const client = await logIn(
    () => {
      const fresh = createClient({ apiUrl: app.env.DISCORD_API_URL });
      watchClient(fresh, logger);
      fresh.on(Events.Raw, (packet: GatewayDispatchPayload) => guardRawPacket(packet, logger));
      fresh.on(Events.InteractionCreate, (interaction) => {
        void answer(app, timing, interaction, logger);
      });
      return fresh;
    },
    token,
    options,
    logger,
  );

  const registration = await registerCommands(
    client.rest,
    applicationId,
    guildId,
    commandDefinitions(app.engine.commands),
  ).catch((error: unknown) => {
    logger.error(
      { err: safeError(error), guildId },
      "command registration failed: /mail may be missing or outdated",
    );
    return "failed" as const;
  });
  const scope = guildId ? "guild" : "global";
  logger.info({ registration, scope, user: client.user?.tag }, "Discord adapter ready");

  const sink = new DiscordSink(
    client.rest,
    app.env.MAILBRAKE_DISCORD_CHANNEL,
    app.services.policy,
    logger,
  );
  if (options.posts !== false) app.services.notifier.add(sink);
  return {
    client,
    sink,
    registration,
    async stop() {
      app.services.notifier.remove(sink);
      sink.stop();
      // Closing is not a fault: no "disconnected / reconnecting" lines for it.
      client
        .removeAllListeners(Events.ShardDisconnect)
        .removeAllListeners(Events.ShardReconnecting);
      await client.destroy();
    },
  };
}

function watchClient(client: Client, logger: Logger): void {
  client.on(Events.Error, (error) =>
    logger.error({ err: safeError(error) }, "Discord client error"),
  );
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, "Discord client warning"));
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.warn({ shard, code: event.code }, "Discord gateway closed"),
  );
  client.on(Events.ShardReconnecting, (shard) =>
    logger.info({ shard }, "Discord gateway reconnecting"),
  );
  client.on(Events.ShardResume, (shard, replayed) =>
    logger.info({ shard, replayed }, "Discord gateway resumed"),
  );
  client.on(Events.ShardError, (error, shard) =>
    logger.error({ shard, err: safeError(error) }, "Discord gateway error"),
  );
  client.rest.on("rateLimited", ({ route, retryAfter, global }) => {
    logger.warn({ route, retryAfterMs: retryAfter, global }, "Discord rate limit: waiting");
  });
}

/** One interaction, whatever happens: every failure is logged, none escapes. */
async function answer(
  app: App,
  timing: Timing,
  interaction: Interaction,
  logger: Logger,
): Promise<void> {
  try {
    if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) {
      await handleCommand(app, timing, interaction);
    } else if (interaction.isAutocomplete() && interaction.commandName === COMMAND_NAME) {
      await handleAutocomplete(app, timing, interaction);
    } else if (interaction.isButton()) {
      await handleButton(app, timing, interaction);
    }
  } catch (error) {
    const reference = randomBytes(4).toString("hex");
    const fields = { err: safeError(error), reference, interaction: interaction.id };
    logger.error(fields, "Discord interaction failed");
    await apologize(app, interaction, reference).catch(() => undefined);
  }
}

async function apologize(app: App, interaction: Interaction, reference: string): Promise<void> {
  if (!interaction.isRepliable()) return;
  const { language } = askerOf(interaction, app.env.MAILBRAKE_LOCALE);
  const reply = {
    text: translate(language, "errors.internal", { reference }),
    visibility: "requester" as const,
  };
  const options = replyOptions(renderMessage(reply), true);
  if (interaction.replied || interaction.deferred) await interaction.followUp(options);
  else await interaction.reply(options);
}
