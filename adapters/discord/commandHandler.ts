// /mail <subcommand>: checked options → engine.handle → an ephemeral answer, deferred when slow.
import { type ChatInputCommandInteraction, MessageFlags } from "discord.js";
import type { App } from "../../src/app.ts";
import type { Reply } from "../../src/core/reply.ts";
import { translate } from "../../src/i18n/index.ts";
import { askerOf } from "./actor.ts";
import { inTime } from "./inTime.ts";
import { type Invocation, parseInvocation } from "./invocation.ts";
import { editOptions, replyOptions } from "./payload.ts";
import { renderMessage } from "./render.ts";
import type { Timing } from "./timing.ts";

const refusal = (text: string): Reply => ({ text, visibility: "requester", failed: true });

export async function handleCommand(
  app: App,
  timing: Timing,
  interaction: ChatInputCommandInteraction,
): Promise<void> {
  const asker = askerOf(interaction, app.env.MAILBRAKE_LOCALE);
  const commands = app.engine.commands.map((c) => c.name);
  const parsed = parseInvocation(interaction.options.data, commands);
  if (!parsed.ok) {
    const text = translate(asker.language, parsed.key, parsed.vars);
    await interaction.reply(replyOptions(renderMessage(refusal(text)), true));
    return;
  }
  const work = (async (): Promise<Reply> => {
    const unknown = await unknownHosting(app, parsed.invocation);
    if (unknown) return refusal(translate(asker.language, "errors.unknownHosting", unknown));
    return app.engine.handle({ ...asker, text: parsed.invocation.text });
  })();
  const answer = await inTime(work, timing.deferAfterMs, () =>
    interaction.deferReply({ flags: MessageFlags.Ephemeral }),
  );
  const message = renderMessage(answer.value);
  if (answer.deferred) await interaction.editReply(editOptions(message));
  else await interaction.reply(replyOptions(message, answer.value.visibility !== "channel"));
}

/**
 * A hosting option naming no known hosting or alias. Checked here because the engine's `block`
 * reads an unknown first word as the reason when there is a single hosting.
 */
async function unknownHosting(
  app: App,
  invocation: Invocation,
): Promise<{ name: string; hostings: string } | undefined> {
  const word = invocation.values.hosting ?? invocation.values.hostingOrAll;
  if (word === undefined) return undefined;
  if (invocation.values.hostingOrAll !== undefined && word.toLowerCase() === "all")
    return undefined;
  const names = [...new Set((await app.engine.hostings.choices()).map((c) => c.value))];
  if (names.includes(word.toLowerCase()) || Object.hasOwn(app.services.policy.aliases, word))
    return undefined;
  return { name: word, hostings: names.join(", ") };
}
