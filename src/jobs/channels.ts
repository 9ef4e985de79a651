// Which hostings share a report channel: the default one, or a per-hosting channel (or
// language) named in the policy file.
import { channelLanguage } from "../core/announce.ts";
import type { Services } from "../core/services.ts";
import type { Language } from "../i18n/index.ts";

export interface ChannelGroup {
  /** Stable key for idempotency ("default" or the override's channels). */
  key: string;
  hostings: string[];
  /** Post target: a hosting of the group routes to its channel; none means the default. */
  target: { hosting?: string };
  language: Language;
}

export function channelGroups(services: Services, hostings: readonly string[]): ChannelGroup[] {
  const overrides = services.policy.channels.hostings;
  const groups = new Map<string, ChannelGroup>();
  for (const hosting of hostings) {
    const override = overrides[hosting];
    const key = override ? `${override.slack ?? "-"}|${override.discord ?? "-"}|${override.language ?? "-"}` : "default";
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        hostings: [],
        target: override ? { hosting } : {},
        language: channelLanguage(services, override ? hosting : undefined),
      };
      groups.set(key, group);
    }
    group.hostings.push(hosting);
  }
  return [...groups.values()];
}
