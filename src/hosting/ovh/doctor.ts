// `mailbrake doctor`: checks the OVHcloud setup the way the bot will use it — the API's
// clock, the credentials, the hostings visible, each route's right — and prints the exact
// rights to request, with a ready token-creation URL.
import type { Logger } from "pino";
import { type Env, usesOvh } from "../../config.ts";
import type { Translate } from "../../i18n/index.ts";
import { HostingError } from "../port.ts";
import { callPlan } from "../callPlan.ts";
import { usesOAuth2 } from "./client.ts";
import { type CurrentCredential, fetchCurrentCredential } from "./currentCredential.ts";
import { createOvhProvider, settingsFromEnv } from "./open.ts";
import type { OvhProvider } from "./provider.ts";
import { BOT_ROUTES, type BotRoute, globMatch, tokenCreationUrl } from "./rights.ts";

export interface DoctorOptions {
  env: Env;
  t: Translate;
  logger: Logger;
  write: (line: string) => void;
  /** Tests pass a provider pointed at the fake API. */
  provider?: OvhProvider;
}

type Verdict = "allowed" | "denied" | "unchecked" | "noHosting" | "error";
const MARK: Record<Verdict, string> = { allowed: "✔", denied: "✘", unchecked: "–", noHosting: "–", error: "✘" };
const CLOCK_TOLERANCE_S = 30;

/** Runs every check; returns the exit code (0 when nothing failed). */
export async function runDoctor(options: DoctorOptions): Promise<number> {
  const { env, t, write } = options;
  write(t("ovh:doctor.title"));
  if (!usesOvh(env)) {
    write(t("ovh:doctor.sandbox"));
    writeRights(options);
    // Nothing was checked: a script asking "are the credentials fine?" must not read success.
    return 2;
  }
  const settings = settingsFromEnv(env, options.logger);
  // A handful of calls, once: not held to the jobs' budget (which it reports on).
  const provider =
    options.provider ?? createOvhProvider({ ...settings, retry: { retries: 0, baseMs: 0, maxMs: 0 }, callsPerMinute: undefined });
  const oauth = usesOAuth2(settings.credentials);
  write(t("ovh:doctor.endpoint", { endpoint: env.OVH_ENDPOINT, auth: t(oauth ? "ovh:doctor.auth.oauth" : "ovh:doctor.auth.keys") }));

  try {
    const offset = Math.round((await provider.api.serverTime()) - Date.now() / 1000);
    const fine = Math.abs(offset) <= CLOCK_TOLERANCE_S;
    write(`${fine ? "✔" : "!"} ${t(fine ? "ovh:doctor.time.ok" : "ovh:doctor.time.warn", { seconds: offset })}`);
  } catch (error) {
    // With OAuth2, the first call fetches a token: a refusal here is about the credentials.
    const refused = error instanceof HostingError && error.code === "auth";
    write(`✘ ${t(refused ? "ovh:doctor.credentials.fail" : "ovh:doctor.time.fail", { error: explain(t, error) })}`);
    if (refused) write(t(oauth ? "ovh:doctor.credentials.renewOauth" : "ovh:doctor.credentials.renew"));
    writeRights(options);
    return 1;
  }

  const verdicts = new Map<BotRoute, Verdict>();
  let names: string[] = [];
  try {
    names = await provider.listHostings();
    write(`✔ ${t("ovh:doctor.credentials.ok", { count: names.length, names: shortList(names) })}`);
    verdicts.set(BOT_ROUTES[0] as BotRoute, "allowed");
  } catch (error) {
    if (!(error instanceof HostingError && error.code === "forbidden")) {
      write(`✘ ${t("ovh:doctor.credentials.fail", { error: explain(t, error) })}`);
      write(t(oauth ? "ovh:doctor.credentials.renewOauth" : "ovh:doctor.credentials.renew"));
      writeRights(options);
      return 1;
    }
    write(`✔ ${t("ovh:doctor.credentials.noList")}`);
    verdicts.set(BOT_ROUTES[0] as BotRoute, "denied");
  }

  writeCallPlan(options, names.length);
  await probeReads(provider, names[0], verdicts);
  await checkWriteRules(provider, verdicts, options);

  write(t("ovh:doctor.routes"));
  for (const route of BOT_ROUTES) {
    const verdict = verdicts.get(route) ?? "unchecked";
    write(`  ${MARK[verdict]} ${route.method} ${route.path} (${route.iamAction}): ${t(`ovh:doctor.verdict.${verdict}`)}`);
  }
  const failed = [...verdicts.values()].some((v) => v === "denied" || v === "error");
  writeRights(options);
  write(t(failed ? "ovh:doctor.result.fail" : "ovh:doctor.result.ok"));
  return failed ? 1 : 0;
}

/** The calls a minute the jobs will make for this account, against the fair-use budget. */
function writeCallPlan({ env, t, write }: DoctorOptions, hostings: number): void {
  const minutes = (ms: number) => Math.round((ms / 60_000) * 10) / 10;
  const collect = env.MAILBRAKE_COLLECT_MINUTES * 60_000;
  const configured = { collectEveryMs: collect, collectFastEveryMs: Math.min(collect, 60_000), watchEveryMs: env.MAILBRAKE_WATCH_MINUTES * 60_000 };
  const plan = callPlan(configured, hostings, env.OVH_CALLS_PER_MINUTE);
  const budget = env.OVH_CALLS_PER_MINUTE;
  write(`${plan.stretch > 1 ? "!" : "✔"} ${t("ovh:doctor.calls.expected", { count: hostings, perMinute: Math.ceil(plan.configuredPerMinute), budget })}`);
  if (plan.stretch > 1) {
    write(
      `  ${t("ovh:doctor.calls.stretched", {
        perMinute: Math.ceil(plan.perMinute),
        collect: minutes(plan.collectEveryMs),
        watch: minutes(plan.watchEveryMs),
      })}`,
    );
  }
}

/** Read routes are tried for real on the first hosting (reading changes nothing). */
async function probeReads(provider: OvhProvider, hosting: string | undefined, verdicts: Map<BotRoute, Verdict>) {
  const probes: [string, (h: string) => Promise<unknown>][] = [
    ["/hosting/web/*/email", (h) => provider.getMail(h)],
    ["/hosting/web/*/email/bounces", (h) => provider.bounces(h, 1)],
    ["/hosting/web/*/email/volumes", (h) => provider.volumes(h)],
  ];
  for (const [path, probe] of probes) {
    const route = BOT_ROUTES.find((r) => r.method === "GET" && r.path === path) as BotRoute;
    if (!hosting) {
      verdicts.set(route, "noHosting");
      continue;
    }
    try {
      await probe(hosting);
      verdicts.set(route, "allowed");
    } catch (error) {
      verdicts.set(route, error instanceof HostingError && error.code === "forbidden" ? "denied" : "error");
    }
  }
}

/** Writes have no harmless test: an application key's rules (GET /auth/currentCredential) say. */
async function checkWriteRules(
  provider: OvhProvider,
  verdicts: Map<BotRoute, Verdict>,
  { env, logger, write, t }: DoctorOptions,
) {
  if (usesOAuth2(settingsFromEnv(env, logger).credentials)) return;
  let credential: CurrentCredential;
  try {
    credential = await fetchCurrentCredential({
      endpoint: env.OVH_ENDPOINT,
      appKey: env.OVH_APPLICATION_KEY ?? "",
      appSecret: env.OVH_APPLICATION_SECRET ?? "",
      consumerKey: env.OVH_CONSUMER_KEY ?? "",
      timeDiff: provider.api.timeDiff,
      timeoutMs: env.OVH_TIMEOUT_MS,
    });
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, "doctor: could not read the credential's rules");
    // An application key's write rights can be read: not knowing them fails the check. (With
    // OAuth2 there is no harmless check, and "not checked" stays informational.)
    write(`✘ ${t("ovh:doctor.writes.unread", { error: explain(t, error) })}`);
    for (const route of BOT_ROUTES.filter((r) => r.write)) verdicts.set(route, "error");
    return;
  }
  if (credential.expiration) write(`! ${t("ovh:doctor.credentials.expires", { date: credential.expiration })}`);
  const rules = Array.isArray(credential.rules) ? credential.rules : [];
  for (const route of BOT_ROUTES.filter((r) => r.write)) {
    const sample = route.path.replace("*", "example.org");
    const granted = rules.some(
      (rule) => (rule.method === route.method || rule.method === "*") && globMatch(rule.path ?? "", sample),
    );
    verdicts.set(route, granted ? "allowed" : "denied");
  }
}

function writeRights({ env, t, write }: DoctorOptions): void {
  write(t("ovh:doctor.rights.title"));
  for (const route of BOT_ROUTES) write(`  ${route.method} ${route.path}`);
  write(t("ovh:doctor.rights.url", { url: tokenCreationUrl(env.OVH_ENDPOINT) }));
  write(t("ovh:doctor.rights.iam", { actions: BOT_ROUTES.map((r) => r.iamAction).join(", ") }));
}

/** The user text for an error, plus the provider's own words for the operator. */
function explain(t: Translate, error: unknown): string {
  if (!(error instanceof HostingError)) return error instanceof Error ? error.message : String(error);
  const { details } = error;
  const text = t(`core:hostingError.${error.code}`, {
    hosting: details.hosting ?? "",
    state: details.state ?? "",
    right: details.missingRight ?? "",
  });
  return `${text} (${error.message})`;
}

const shortList = (names: string[], max = 10): string =>
  names.length > max ? `${names.slice(0, max).join(", ")}, …` : names.join(", ");
