// Signed requests as Slack sends them to the HTTP receiver: slash commands and block actions.
import { createHmac } from "node:crypto";

export const SIGNING_SECRET = "test-signing-secret-0123456789";
export const BOT_TOKEN = "xoxb-test-bot-token-0123456789";
export const APP_TOKEN = "xapp-test-app-token-0123456789";

let triggers = 0;
export const nextTrigger = () => `trigger-${++triggers}`;

export function signature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SendOptions {
  secret?: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  unsigned?: boolean;
  retryNum?: number;
}

/** POSTs a form body to /slack/events, signed like Slack does. */
export async function sendSigned(base: string, body: string, options: SendOptions = {}): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (!options.unsigned) {
    headers["x-slack-request-timestamp"] = String(timestamp);
    headers["x-slack-signature"] = signature(body, timestamp, options.secret);
  }
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = "http_timeout";
  }
  return fetch(`${base}/slack/events`, { method: "POST", headers, body });
}

export interface SlashFields {
  user: string;
  text: string;
  responseUrl: string;
  channel?: string;
  command?: string;
  trigger?: string;
}

export function slashBody(f: SlashFields): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: "T1",
    team_domain: "test",
    channel_id: f.channel ?? "C1",
    channel_name: "ops",
    user_id: f.user,
    user_name: f.user.toLowerCase(),
    command: f.command ?? "/mail",
    text: f.text,
    api_app_id: "A1",
    response_url: f.responseUrl,
    trigger_id: f.trigger ?? nextTrigger(),
  }).toString();
}

export interface ClickFields {
  user: string;
  actionId: string;
  responseUrl: string;
  channel?: string;
  trigger?: string;
}

export function clickPayload(f: ClickFields): Record<string, unknown> {
  return {
    type: "block_actions",
    user: { id: f.user, username: f.user.toLowerCase(), name: f.user.toLowerCase(), team_id: "T1" },
    api_app_id: "A1",
    token: "legacy-verification-token",
    container: { type: "message", message_ts: "1700000000.000001", channel_id: f.channel ?? "C1", is_ephemeral: true },
    trigger_id: f.trigger ?? nextTrigger(),
    team: { id: "T1", domain: "test" },
    channel: { id: f.channel ?? "C1", name: "ops" },
    response_url: f.responseUrl,
    actions: [
      {
        action_id: f.actionId,
        block_id: "b1",
        value: f.actionId,
        type: "button",
        text: { type: "plain_text", text: "Confirm" },
        action_ts: "1700000001.000001",
      },
    ],
  };
}

export const clickBody = (f: ClickFields | Record<string, unknown>): string =>
  new URLSearchParams({ payload: JSON.stringify("actionId" in f ? clickPayload(f as ClickFields) : f) }).toString();
