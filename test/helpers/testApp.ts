// An engine over the real sandbox with a manual clock, a temp data folder and captured
// channel posts. Only our own interfaces are faked (the channel sink).
import { join } from "node:path";
import pino from "pino";
import { type App, createApp, type ProviderHandle } from "../../src/app.ts";
import { ManualClock } from "../../src/clock.ts";
import { envSchema } from "../../src/config.ts";
import type { Actor, Place } from "../../src/core/actor.ts";
import type { ChannelSink } from "../../src/core/notifier.ts";
import type { Reply } from "../../src/core/reply.ts";
import type { HostingProvider } from "../../src/hosting/port.ts";
import { Sandbox, type SandboxHostingSeed } from "../../src/hosting/sandbox/index.ts";
import type { Language } from "../../src/i18n/index.ts";
import type { MessageRef } from "../../src/store/schema.ts";

export class CapturingSink implements ChannelSink {
  readonly platform = "slack" as const;
  readonly posts: Reply[] = [];
  readonly edits: { ref: MessageRef; reply: Reply }[] = [];
  async post(reply: Reply): Promise<MessageRef[]> {
    this.posts.push(reply);
    return [{ platform: "slack", channel: "C1", id: String(this.posts.length) }];
  }
  async edit(ref: MessageRef, reply: Reply): Promise<void> {
    this.edits.push({ ref, reply });
  }
}

export interface TestApp extends App {
  clock: ManualClock;
  sandbox: Sandbox;
  sink: CapturingSink;
  dataDir: string;
}

export interface TestAppOptions {
  dataDir: string;
  env?: Record<string, string>;
  clock?: ManualClock;
  hostings?: SandboxHostingSeed[];
  /** Wrap the sandbox (e.g. to count calls). */
  wrap?: (sandbox: Sandbox) => HostingProvider;
  latencyMs?: number;
}

export async function makeTestApp(options: TestAppOptions): Promise<TestApp> {
  const clock = options.clock ?? new ManualClock();
  const sandbox = await Sandbox.open({
    clock,
    seed: 7,
    stateFile: join(options.dataDir, "sandbox.json"),
    hostings: options.hostings,
    unblockDelayMs: [60_000, 60_000],
    latencyMs: options.latencyMs,
  });
  const env = envSchema.parse({ MAILBRAKE_DATA_FILE: join(options.dataDir, "mailbrake.json"), ...options.env });
  const handle: ProviderHandle = {
    provider: options.wrap ? options.wrap(sandbox) : sandbox,
    clock,
    sandbox,
    close: () => sandbox.close(),
  };
  const app = await createApp(env, { logger: pino({ level: "silent" }), provider: handle });
  const sink = new CapturingSink();
  app.services.notifier.add(sink);
  return { ...app, clock, sandbox, sink, dataDir: options.dataDir };
}

export const place: Place = { channel: "C1", inTeamSpace: true };

export function person(id: string, platform: Actor["platform"] = "slack", groups: string[] = []): Actor {
  return { platform, id, name: `user-${id}`, groups };
}

export function ask(app: App, actor: Actor, text: string, language: Language = "en") {
  return app.engine.handle({ actor, place, language, text });
}

export function click(app: App, actor: Actor, buttonId: string, language: Language = "en") {
  return app.engine.act({ actor, place, language, buttonId });
}

/** The ids of a reply's buttons, in order. */
export function buttons(reply: Reply): string[] {
  return (reply.card?.blocks ?? []).flatMap((b) => (b.type === "actions" ? b.buttons.map((x) => x.id) : []));
}

export const HOSTING = "boulangerie-martin.fr";
