// The slash command and the button clicks: ack at once (Slack shows an error after 3 s), then
// ask the engine and answer through `response_url`. Redeliveries and double clicks run once.
import { randomBytes } from "node:crypto";
import type { App as BoltApp, BlockAction, RespondArguments, SlashCommand } from "@slack/bolt";
import type { Logger } from "pino";
import type { ActionResult, Engine } from "../../src/core/engine.ts";
import type { Place } from "../../src/core/actor.ts";
import type { Reply } from "../../src/core/reply.ts";
import { translate } from "../../src/i18n/index.ts";
import { slackDecode } from "./escape.ts";
import type { DeliveryLog } from "./once.ts";
import type { SlackPeople } from "./people.ts";
import { renderReply } from "./render.ts";
import { answerOn } from "./responseUrl.ts";

export interface ListenerDeps {
  engine: Engine;
  people: SlackPeople;
  deliveries: DeliveryLog;
  logger: Logger;
  /** The slash command's name, such as /mail. */
  command: string;
}

/** Slack's channel ids: C… public, G… private or group DM, D… direct message (not team space). */
export const placeOf = (channelId: string | undefined): Place => ({
  channel: channelId ?? "unknown",
  inTeamSpace: !channelId?.startsWith("D"),
});

export function registerListeners(bolt: BoltApp, deps: ListenerDeps): void {
  // A click payload without an action matches no listener; Bolt would leave it unanswered for 3 s.
  bolt.use(async (args) => {
    const body = args.body as { type?: string; actions?: unknown[] };
    if (body.type === "block_actions" && !body.actions?.length && "ack" in args && typeof args.ack === "function") {
      deps.logger.warn("block_actions payload without actions ignored");
      await args.ack();
      return;
    }
    await args.next();
  });
  bolt.command(deps.command, async ({ command, ack }) => {
    await ack();
    await afterPendingAcks();
    await slashCommand(deps, command);
  });
  // Every block action: ours start with mb:, anything else gets the engine's "not valid" answer.
  bolt.action({ type: "block_actions" }, async ({ body, action, ack }) => {
    await ack();
    await afterPendingAcks();
    const id = "action_id" in action ? action.action_id : "";
    await click(deps, body as BlockAction, id);
  });
}

/** Lets requests already waiting be read and acknowledged before this one's work starts. */
const afterPendingAcks = () => new Promise<void>((resolve) => setImmediate(resolve));

async function slashCommand(deps: ListenerDeps, command: SlashCommand): Promise<void> {
  if (!(await deps.deliveries.first(`command:${command.trigger_id}`))) {
    deps.logger.info({ user: command.user_id }, "slash command redelivered; already handled");
    return;
  }
  const { actor, language } = await deps.people.person(command.user_id, command.user_name);
  const started = Date.now();
  const reply = await guarded(deps, language, actor.id, () =>
    deps.engine.handle({ actor, place: placeOf(command.channel_id), language, text: slackDecode(command.text ?? "") }),
  );
  deps.logger.debug({ user: actor.id, ms: Date.now() - started }, "slash command answered");
  await send(deps, command.response_url, {
    response_type: reply.visibility === "channel" ? "in_channel" : "ephemeral",
    ...renderReply(reply),
  });
}

async function click(deps: ListenerDeps, body: BlockAction, buttonId: string): Promise<void> {
  const key = `action:${body.trigger_id}:${buttonId}`;
  if (!(await deps.deliveries.first(key))) {
    deps.logger.info({ user: body.user.id }, "click redelivered; already handled");
    return;
  }
  const { actor, language } = await deps.people.person(body.user.id, body.user.name ?? body.user.username ?? "");
  const result: ActionResult = await deps.engine
    .act({ actor, place: placeOf(body.channel?.id), language, buttonId })
    .catch((error: unknown) => ({ notice: failed(deps, language, error, "engine.act failed", actor.id) }) as ActionResult);
  if (result.update) {
    await send(deps, body.response_url, { replace_original: true, ...renderReply(result.update) });
  }
  if (result.notice) {
    await send(deps, body.response_url, { response_type: "ephemeral", replace_original: false, ...renderReply(result.notice) });
  }
}

async function guarded(deps: ListenerDeps, language: Parameters<typeof translate>[0], user: string, run: () => Promise<Reply>): Promise<Reply> {
  try {
    return await run();
  } catch (error) {
    return failed(deps, language, error, "engine.handle failed", user);
  }
}

/** The engine threw: whether anything changed is unknown, so the answer only gives a reference to the log line. */
function failed(deps: ListenerDeps, language: Parameters<typeof translate>[0], error: unknown, what: string, user: string): Reply {
  const reference = randomBytes(4).toString("hex");
  deps.logger.error({ err: error, reference, user }, what);
  return { text: translate(language, "errors.internal", { reference }), visibility: "requester", failed: true };
}

/** Posts to the response_url; a failure there is logged (the user sees nothing more we could do). */
async function send(deps: ListenerDeps, responseUrl: string | undefined, message: RespondArguments): Promise<void> {
  if (!responseUrl) {
    deps.logger.warn("no response_url to answer on");
    return;
  }
  try {
    await answerOn(responseUrl, message);
  } catch (error) {
    deps.logger.warn({ err: errorSummary(error) }, "response_url post failed");
  }
}

/** Axios errors carry the request (and its URL, which is a capability): log only the message. */
const errorSummary = (error: unknown) => ({ message: error instanceof Error ? error.message : String(error) });
