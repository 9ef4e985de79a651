// A test app with the jobs attached (instant retry waits), and a provider whose error log
// a test can script, so counts are exact.
import type { Bounce, HostingProvider } from "../../src/hosting/port.ts";
import { HostingError, MAX_BOUNCES_PER_CALL } from "../../src/hosting/port.ts";
import { Jobs } from "../../src/jobs/jobs.ts";
import { reportStateSchema } from "../../src/jobs/reportJob.ts";
import type { ChannelSink, PostTarget } from "../../src/core/notifier.ts";
import type { Reply } from "../../src/core/reply.ts";
import type { MessageRef } from "../../src/store/schema.ts";
import type { Platform } from "../../src/core/actor.ts";
import { makeTestApp, type TestApp, type TestAppOptions } from "./testApp.ts";
import { spyProvider } from "./providerSpy.ts";

export interface JobsTestApp extends TestApp {
  jobs: Jobs;
}

/**
 * A bot whose jobs have been running for long (its report job dates from the epoch), unless
 * `fresh`: a first install, for which no earlier report was ever missed.
 */
export async function makeJobsApp(options: TestAppOptions & { fresh?: boolean }): Promise<JobsTestApp> {
  const app = await makeTestApp(options);
  if (!options.fresh) await app.services.store.jobs.write("report", reportStateSchema, { lastTo: {}, since: 0 });
  const jobs = await Jobs.create(app, { sleep: async () => undefined });
  return Object.assign(app, { jobs });
}

/** Errors a test adds by hand; `bounces()` answers like the provider (newest first, at most 100). */
export class ScriptedErrors {
  readonly log = new Map<string, Bounce[]>();
  calls = 0;

  add(hosting: string, at: number, count: number, message: (i: number) => string, to: (i: number) => string): void {
    const list = this.log.get(hosting) ?? [];
    for (let i = 0; i < count; i++) list.push({ date: new Date(at + i * 1000).toISOString(), to: to(i), message: message(i) });
    this.log.set(hosting, list);
  }

  wrap(provider: HostingProvider): HostingProvider {
    return spyProvider(provider, async ({ method, args, call }) => {
      if (method !== "bounces") return call();
      const [hosting, limit] = args as [string, number];
      this.calls += 1;
      const list = this.log.get(hosting) ?? [];
      return list.slice(-Math.min(limit, MAX_BOUNCES_PER_CALL)).reverse();
    });
  }
}

/** A provider whose calls fail (as a network outage would) while `down` is true. */
export function flaky(state: { down: boolean; calls: number }) {
  return (provider: HostingProvider): HostingProvider =>
    spyProvider(provider, ({ call }) => {
      state.calls += 1;
      if (state.down) return Promise.reject(new HostingError("unavailable", "connect ECONNREFUSED 127.0.0.1"));
      return call();
    });
}

/** Every text of a reply's card, for assertions. */
export const textOf = (reply: Reply): string => reply.text;

/** Records where each post was aimed (the policy's per-hosting channel routing). */
export class TargetSink implements ChannelSink {
  readonly platform = "discord" as const;
  readonly targets: PostTarget[] = [];
  async post(_reply: Reply, target: PostTarget): Promise<MessageRef[]> {
    this.targets.push(target);
    return [];
  }
  async edit(): Promise<void> {}
}

/** A channel that records its posts, or fails every post (the platform down) while `failing`. */
export class FlakySink implements ChannelSink {
  readonly posts: Reply[] = [];
  readonly edits: { ref: MessageRef; reply: Reply }[] = [];
  failing = false;
  attempts = 0;
  constructor(readonly platform: Platform = "slack") {}
  async post(reply: Reply): Promise<MessageRef[]> {
    this.attempts += 1;
    if (this.failing) throw new Error("503 Service Unavailable from the chat platform");
    this.posts.push(reply);
    return [{ platform: this.platform, channel: "C1", id: String(this.posts.length) }];
  }
  async edit(ref: MessageRef, reply: Reply): Promise<void> {
    this.edits.push({ ref, reply });
  }
}

/** Makes the test app's channel refuse every post while `down` is true (the platform down). */
export function channelOutage(sink: { post: ChannelSink["post"] }): { down: boolean } {
  const state = { down: false };
  const post = sink.post.bind(sink);
  sink.post = async (reply, target) => {
    if (state.down) throw new Error("503 Service Unavailable from the chat platform");
    return post(reply, target);
  };
  return state;
}
