// One channel-routing rule for Slack and Discord: every configured channel gets one copy.
import { describe, expect, it } from "vitest";
import type { PostTarget } from "../../src/core/notifier.ts";
import { type ChatPlatform, channelsFor } from "../../src/core/routing.ts";
import { emptyPolicy, type Policy } from "../../src/policy.ts";

const policy: Policy = {
  ...emptyPolicy(),
  channels: {
    slack: "C-POLICY",
    discord: "D-POLICY",
    hostings: { "shop.fr": { slack: "C-SHOP", discord: "D-SHOP" }, "pl.pl": { language: "pl" } },
  },
};

const route = (platform: ChatPlatform, teamChannel: string | undefined, target: PostTarget, p = policy) =>
  channelsFor({ platform, teamChannel, policy: p, postable: (c) => c !== "dm" }, target);

describe("channel routing", () => {
  it.each(["slack", "discord"] as const)("%s: the variable's channel and the policy's, each once", (platform) => {
    const own = platform === "slack" ? "C" : "D";
    expect(route(platform, "TEAM", {})).toEqual(["TEAM", `${own}-POLICY`]);
    expect(route(platform, `${own}-POLICY`, {})).toEqual([`${own}-POLICY`]);
    expect(route(platform, undefined, {})).toEqual([`${own}-POLICY`]);
  });

  it.each(["slack", "discord"] as const)("%s: the hosting's own channel too, and the origin unless a direct message", (platform) => {
    const own = platform === "slack" ? "C" : "D";
    expect(route(platform, "TEAM", { hosting: "shop.fr", origin: { platform, channel: "HERE" } })).toEqual([
      "TEAM",
      `${own}-POLICY`,
      `${own}-SHOP`,
      "HERE",
    ]);
    expect(route(platform, "TEAM", { hosting: "pl.pl", origin: { platform, channel: "dm" } })).toEqual(["TEAM", `${own}-POLICY`]);
  });

  it("another platform's origin is not this platform's channel", () => {
    expect(route("slack", "TEAM", { origin: { platform: "discord", channel: "123" } })).toEqual(["TEAM", "C-POLICY"]);
  });

  it("with nothing configured, only the origin", () => {
    expect(route("discord", undefined, { origin: { platform: "discord", channel: "42" } }, emptyPolicy())).toEqual(["42"]);
    expect(route("discord", undefined, {}, emptyPolicy())).toEqual([]);
  });
});
