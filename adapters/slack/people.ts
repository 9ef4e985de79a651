// Who clicked or typed: name and language from `users.info` (with the locale), user-group
// membership from `usergroups.list`. Both cached; a failing lookup falls back, never blocks.
import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { Actor } from "../../src/core/actor.ts";
import { type Language, toLanguage } from "../../src/i18n/index.ts";
import type { Policy } from "../../src/policy.ts";

export interface Person {
  actor: Actor;
  language: Language;
}

export interface PeopleOptions {
  policy: Policy;
  fallbackLanguage: Language;
  logger: Logger;
  /** How often user-group membership is refreshed. */
  groupTtlMs?: number;
  now?: () => number;
}

interface Cached<T> {
  value: T;
  until: number;
}

const USER_TTL_MS = 60 * 60_000;
const GROUP_TTL_MS = 5 * 60_000;
/** Membership that could not be refreshed for this many TTLs is dropped: a revoked role must not linger. */
const STALE_AFTER_TTLS = 3;

export class SlackPeople {
  private readonly users = new Map<string, Cached<Promise<{ name?: string; language?: Language }>>>();
  private groups: Cached<Promise<Map<string, string[]>>> | undefined;
  /** The last membership Slack gave us, and when. */
  private known: { byUser: Map<string, string[]>; at: number } | undefined;
  private readonly usesGroups: boolean;
  private readonly now: () => number;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly options: PeopleOptions,
  ) {
    const roles = Object.values(options.policy.roles).flat();
    this.usesGroups = roles.some((p) => p?.startsWith("slack-group:"));
    this.now = options.now ?? Date.now;
  }

  /** The actor and language of a Slack user; `typedName` is the payload's name, used when the lookup fails. */
  async person(userId: string, typedName: string): Promise<Person> {
    const [profile, groups] = await Promise.all([this.profile(userId), this.groupsOf(userId)]);
    return {
      actor: { platform: "slack", id: userId, name: profile.name || typedName || userId, groups },
      language: profile.language ?? this.options.fallbackLanguage,
    };
  }

  private profile(userId: string): Promise<{ name?: string; language?: Language }> {
    const cached = this.users.get(userId);
    if (cached && cached.until > this.now()) return cached.value;
    const value = this.client.users
      .info({ user: userId, include_locale: true })
      .then((answer) => {
        const user = answer.user;
        const name = user?.profile?.display_name || user?.real_name || user?.name;
        return { name: name || undefined, language: toLanguage(user?.locale) };
      })
      .catch((error: unknown) => {
        this.users.delete(userId);
        this.options.logger.warn({ err: error, user: userId }, "users.info failed; using the default language");
        return {};
      });
    this.users.set(userId, { value, until: this.now() + USER_TTL_MS });
    return value;
  }

  private async groupsOf(userId: string): Promise<string[]> {
    if (!this.usesGroups) return [];
    const membership = await this.membership();
    return membership.get(userId) ?? [];
  }

  private membership(): Promise<Map<string, string[]>> {
    const cached = this.groups;
    if (cached && cached.until > this.now()) return cached.value;
    const ttl = this.options.groupTtlMs ?? GROUP_TTL_MS;
    const value = this.client.usergroups
      .list({ include_users: true })
      .then((answer) => {
        const byUser = new Map<string, string[]>();
        for (const group of answer.usergroups ?? []) {
          if (!group.id || group.date_delete) continue;
          for (const user of group.users ?? []) byUser.set(user, [...(byUser.get(user) ?? []), group.id]);
        }
        this.known = { byUser, at: this.now() };
        return byUser;
      })
      .catch((error: unknown) => {
        // Try again on the next request; meanwhile keep what we knew, unless it is too old.
        this.groups = undefined;
        const known = this.known;
        if (known && this.now() - known.at <= STALE_AFTER_TTLS * ttl) {
          this.options.logger.warn({ err: error }, "usergroups.list failed; keeping the last known membership");
          return known.byUser;
        }
        this.known = undefined;
        this.options.logger.error({ err: error }, "usergroups.list failed and the last membership is too old; user-group roles are not granted");
        return new Map<string, string[]>();
      });
    this.groups = { value, until: this.now() + ttl };
    return value;
  }
}
