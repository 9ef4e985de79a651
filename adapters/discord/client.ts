// The discord.js client: gateway with the Guilds intent only (slash commands and buttons need
// no privileged intent), REST base URL overridable, and no mentions in anything it sends.
import { Client, type ClientOptions, GatewayIntentBits, REST, type RESTOptions } from "discord.js";
import { nodeFetch } from "../../src/nodeFetch.ts";
import { NO_MENTIONS } from "./payload.ts";

export interface ClientSettings {
  /** DISCORD_API_URL: the REST base, e.g. http://127.0.0.1:8080/api (version added by the library). */
  apiUrl?: string;
}

type MakeRequest = NonNullable<NonNullable<ClientOptions["rest"]>["makeRequest"]>;

/** The REST settings of every Discord client of ours, the gateway's and the poster's. */
export const restOptions = (settings: ClientSettings): Partial<RESTOptions> => ({
  ...(settings.apiUrl ? { api: settings.apiUrl.replace(/\/+$/, "") } : {}),
  // 429s are waited out by the library; failed requests are retried a bounded number of times.
  retries: 2,
  timeout: 10_000,
  // Not the library's bundled undici: once @slack/bolt has loaded undici 7 in the same process,
  // the bundled undici 6 fails every upload ("action is not a function"), so the daily report
  // and its chart never reached Discord. The Response's stream typings differ from the
  // library's ResponseLike; every member it reads is there.
  makeRequest: nodeFetch as unknown as MakeRequest,
});

export function createClient(settings: ClientSettings): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    rest: restOptions(settings),
  });
}

/** A REST client alone: channel posts without a gateway session. */
export function createRest(settings: ClientSettings, token: string): REST {
  return new REST(restOptions(settings)).setToken(token);
}
