// The discord.js client: gateway with the Guilds intent only (slash commands and buttons need
// no privileged intent), REST base URL overridable, and no mentions in anything it sends.
import { Client, GatewayIntentBits } from "discord.js";
import { NO_MENTIONS } from "./payload.ts";

export interface ClientSettings {
  /** DISCORD_API_URL: the REST base, e.g. http://127.0.0.1:8080/api (version added by the library). */
  apiUrl?: string;
}

export function createClient(settings: ClientSettings): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    rest: {
      ...(settings.apiUrl ? { api: settings.apiUrl.replace(/\/+$/, "") } : {}),
      // 429s are waited out by the library; failed requests are retried a bounded number of times.
      retries: 2,
      timeout: 10_000,
    },
  });
}
