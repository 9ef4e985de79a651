// A test app (real engine over the sandbox) with the real Discord adapter logged in to a
// fake Discord on 127.0.0.1, and builders for the interaction payloads Discord sends.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import pino from "pino";
import type { HostingProvider } from "../../src/hosting/port.ts";
import {
  type DiscordOptions,
  type RunningDiscord,
  startDiscord,
} from "../../adapters/discord/start.ts";
import { botMessage, FakeDiscord } from "../fakes/discordFake.ts";
import { makeTestApp, type TestApp, type TestAppOptions } from "./testApp.ts";
import { spyProvider } from "./providerSpy.ts";

export const APP_ID = "800000000000000001";
export const GUILD = "700000000000000001";
export const CHANNEL = "600000000000000001";
export const OPS_CHANNEL = "600000000000000002";
export const TOKEN = "fake-discord-bot-token.XYZ123-very-secret";

/** The environment of bin/mailbrake.js with Discord set against the fake, its data in `dir`. */
export function discordBotEnv(apiUrl: string, dir: string, more: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_URL: apiUrl,
    MAILBRAKE_DATA_FILE: join(dir, "mailbrake.json"),
    LOG_LEVEL: "info",
    ...more,
  };
}

export interface DiscordRig {
  app: TestApp;
  fake: FakeDiscord;
  adapter: RunningDiscord;
  logs: string[];
  close(): Promise<void>;
}

export interface RigOptions {
  dataDir: string;
  policy?: unknown;
  env?: Record<string, string>;
  adapter?: DiscordOptions;
  wrap?: TestAppOptions["wrap"];
  /** Keep the adapter's logs (as JSON lines) instead of discarding them. */
  fake?: Partial<ConstructorParameters<typeof FakeDiscord>[0]>;
}

export async function startRig(options: RigOptions): Promise<DiscordRig> {
  const fake = await new FakeDiscord({ applicationId: APP_ID, ...options.fake }).start();
  const policyEnv: Record<string, string> = {};
  if (options.policy) {
    const file = join(options.dataDir, "policy.json");
    await writeFile(file, JSON.stringify(options.policy));
    policyEnv.MAILBRAKE_CONFIG = file;
  }
  const app = await makeTestApp({
    dataDir: options.dataDir,
    wrap: options.wrap,
    env: {
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_GUILD_ID: GUILD,
      DISCORD_API_URL: fake.apiUrl,
      MAILBRAKE_DISCORD_CHANNEL: OPS_CHANNEL,
      ...policyEnv,
      ...options.env,
    },
  });
  const logs: string[] = [];
  // Plain pino without the secret scrubber: what the adapter itself writes is what is checked.
  app.services.logger = pino({ level: "debug" }, { write: (line: string) => void logs.push(line) });
  const adapter = await startDiscord(app, {
    deferAfterMs: 5_000,
    readyTimeoutMs: 5_000,
    ...options.adapter,
  });
  return {
    app,
    fake,
    adapter,
    logs,
    async close() {
      await adapter.stop();
      await app.close();
      await fake.stop();
    },
  };
}

let nextInteraction = 500_000_000_000_000_000n;
const interactionId = () => {
  nextInteraction += 1n;
  return nextInteraction.toString();
};

export interface Who {
  id: string;
  roles?: string[];
  locale?: string;
  /** A direct message: no guild, no member. */
  dm?: boolean;
  name?: string;
}

function base(who: Who, type: number, data: unknown, extra: Record<string, unknown> = {}) {
  const id = interactionId();
  const user = {
    id: who.id,
    username: who.name ?? `user-${who.id}`,
    discriminator: "0",
    avatar: null,
    global_name: null,
  };
  const where = who.dm
    ? {
        user,
        channel_id: "610000000000000009",
        channel: { id: "610000000000000009", type: 1 },
        context: 1,
      }
    : {
        guild_id: GUILD,
        guild_locale: "en-US",
        channel_id: CHANNEL,
        channel: { id: CHANNEL, type: 0, guild_id: GUILD, name: "mail-ops" },
        member: {
          user,
          roles: who.roles ?? [],
          nick: null,
          joined_at: "2024-01-01T00:00:00.000Z",
          deaf: false,
          mute: false,
          flags: 0,
          permissions: "0",
        },
        context: 0,
      };
  return {
    id,
    application_id: APP_ID,
    type,
    token: `interaction-token-${Buffer.from(id).toString("base64url")}`,
    version: 1,
    locale: who.locale ?? "en-US",
    app_permissions: "0",
    entitlements: [],
    authorizing_integration_owners: {},
    data,
    ...where,
    ...extra,
  };
}

export type OptionValues = Record<string, string>;

const subcommandData = (sub: string, values: OptionValues, focused?: string) => ({
  id: "810000000000000001",
  name: "mail",
  type: 1,
  options: [
    {
      type: 1,
      name: sub,
      options: Object.entries(values).map(([name, value]) => ({
        type: 3,
        name,
        value,
        ...(name === focused ? { focused: true } : {}),
      })),
    },
  ],
});

export const slash = (who: Who, sub: string, values: OptionValues = {}) =>
  base(who, 2, subcommandData(sub, values));

export const autocomplete = (who: Who, sub: string, values: OptionValues, focused: string) =>
  base(who, 4, subcommandData(sub, values, focused));

export function click(who: Who, customId: string, messageId = "620000000000000001") {
  return base(
    who,
    3,
    { custom_id: customId, component_type: 2 },
    {
      message: botMessage({ id: messageId, channel_id: CHANNEL, type: 20, flags: 64 }),
    },
  );
}

/** The callback of one interaction: its type and data. */
export async function callbackOf(fake: FakeDiscord, interaction: { id: string; token: string }) {
  const request = await fake.request(
    "POST",
    `/interactions/${interaction.id}/${interaction.token}/callback`,
  );
  return request.body as { type: number; data?: Record<string, unknown> };
}

/** The custom_ids of the buttons in a message payload. */
export function customIds(data: Record<string, unknown> | undefined): string[] {
  const rows = (data?.components ?? []) as { components: { custom_id: string }[] }[];
  return rows.flatMap((row) => row.components.map((b) => b.custom_id));
}

export interface Slow {
  methods: string[];
  /** A real delay (benchmarks). */
  ms?: () => number;
  /** Tests: the call waits for this promise, if any, which the test resolves when it is ready. */
  hold?: () => Promise<void> | undefined;
}

/** A promise the test releases by hand. */
export function gate(): { promise: Promise<void>; release: () => void } {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

/** Wraps the sandbox to record every provider call by method name (and to slow or hold some). */
export function recording(calls: string[], slow?: Slow) {
  return (sandbox: HostingProvider): HostingProvider =>
    spyProvider(sandbox, async ({ method, call }) => {
      calls.push(method);
      const slowed = slow?.methods.includes(method);
      const delay = slowed ? (slow?.ms?.() ?? 0) : 0;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      const held = slowed ? slow?.hold?.() : undefined;
      if (held) await held;
      const result = await call();
      calls.push(`${method}:done`);
      return result;
    });
}
