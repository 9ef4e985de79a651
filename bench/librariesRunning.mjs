// A baseline for the startup bench's idle memory: the chat libraries and node-cron doing what
// the bot has them do, without any of mailbrake's code: a Bolt HTTP app listening, a
// discord.js client logged in to the gateway (both against the bench's loopback fakes) and one
// node-cron task. Plain JavaScript, run by node alone like the other baselines. Prints
// "loaded" once running, then idles until killed.
import { App } from "@slack/bolt";
import { Client, GatewayIntentBits } from "discord.js";
import cron from "node-cron";

const { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, PORT, DISCORD_TOKEN, DISCORD_API_URL } = process.env;
const bolt = new App({ token: SLACK_BOT_TOKEN, signingSecret: SLACK_SIGNING_SECRET, clientOptions: { slackApiUrl: SLACK_API_URL } });
bolt.command("/mail", async ({ ack }) => {
  await ack();
});
await bolt.start({ port: Number(PORT), host: "127.0.0.1" });
const discord = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: DISCORD_API_URL } });
await new Promise((resolve, reject) => {
  discord.once("clientReady", resolve);
  discord.login(DISCORD_TOKEN).catch(reject);
});
cron.schedule("* * * * *", () => undefined, { timezone: "UTC" });
console.log("loaded");
setInterval(() => undefined, 1000);
