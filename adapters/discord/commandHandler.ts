// /mail <subcommand>: checked options → engine.invoke → an ephemeral answer, deferred when slow.
import { type ChatInputCommandInteraction, MessageFlags } from "discord.js";
import type { App } from "../../src/app.ts";
import type { Reply } from "../../src/core/reply.ts";
import { translate } from "../../src/i18n/index.ts";
import { askerOf } from "./actor.ts";
import { inTime } from "./inTime.ts";
import { parseInvocation } from "./invocation.ts";
import { editOptions, replyOptions } from "./payload.ts";
import { renderMessage, renderMessages } from "./render.ts";
import type { Timing } from "./timing.ts";

const refusal = (text: string): Reply => ({ text, visibility: "requester", failed: true });

export async function handleCommand(
  app: App,
  timing: Timing,
  interaction: ChatInputCommandInteraction,
): Promise<void> {
  const asker = askerOf(interaction, app.env.MAILBRAKE_LOCALE);
  const parsed = parseInvocation(interaction.options.data, app.engine.commands);
  if (!parsed.ok) {
    const text = translate(asker.language, parsed.key, parsed.vars);
    await interaction.reply(replyOptions(renderMessage(refusal(text)), true));
    return;
  }
  const work = app.engine.invoke({ ...asker, ...parsed.invocation });
  const answer = await inTime(work, timing.deferAfterMs, () =>
    interaction.deferReply({ flags: MessageFlags.Ephemeral }),
  );
  const [message, ...more] = renderMessages(answer.value);
  const ephemeral = answer.deferred || answer.value.visibility !== "channel";
  if (!message) return;
  if (answer.deferred) await interaction.editReply(editOptions(message));
  else await interaction.reply(replyOptions(message, ephemeral));
  // A long answer goes on in follow-ups, seen by the same people as its first part.
  for (const next of more) await interaction.followUp(replyOptions(next, ephemeral));
}
