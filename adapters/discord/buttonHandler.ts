// A button click → engine.act: the message is replaced (decision, expiry) or the clicker gets
// a private notice (not theirs, unknown or used token). Deferred when the action is slow.
import type { ButtonInteraction } from "discord.js";
import type { App } from "../../src/app.ts";
import { askerOf } from "./actor.ts";
import type { Timing } from "./timing.ts";
import { inTime } from "./inTime.ts";
import { editOptions, replyOptions } from "./payload.ts";
import { renderMessage } from "./render.ts";

export async function handleButton(
  app: App,
  timing: Timing,
  interaction: ButtonInteraction,
): Promise<void> {
  const asker = askerOf(interaction, app.env.MAILBRAKE_LOCALE);
  const work = app.engine.act({ ...asker, buttonId: interaction.customId });
  const { value, deferred } = await inTime(work, timing.deferAfterMs, () =>
    interaction.deferUpdate(),
  );
  if (value.update) {
    const message = editOptions(renderMessage(value.update));
    if (deferred) await interaction.editReply(message);
    else await interaction.update(message);
  } else if (value.notice) {
    const message = replyOptions(renderMessage(value.notice), true);
    if (deferred) await interaction.followUp(message);
    else await interaction.reply(message);
  } else if (!deferred) {
    await interaction.deferUpdate();
  }
}
