// Everything a command needs, built once by the composition root.
import type { Logger } from "pino";
import type { Clock } from "../clock.ts";
import type { HostingProvider } from "../hosting/port.ts";
import type { Language } from "../i18n/index.ts";
import type { Policy } from "../policy.ts";
import type { StorePort } from "../store/port.ts";
import type { Notifier } from "./notifier.ts";
import type { Reply } from "./reply.ts";

/** Sandbox-only rehearsal controls; absent with a real provider. */
export interface SandboxControls {
  spamDrill(hosting: string): Promise<void>;
  advance(ms: number): Promise<void>;
}

export interface Settings {
  timeZone: string;
  confirmTtlMs: number;
  /** Language of channel posts when the policy names none. */
  channelLanguage: Language;
}

/**
 * The error report on demand (`report <hosting|all>`). The core is given it: with the jobs
 * running it uses the errors they collected; without them it reads the provider once.
 */
export interface ReportService {
  onDemand(hostings: string[], language: Language): Promise<Reply>;
}

export interface Services {
  provider: HostingProvider;
  sandbox?: SandboxControls;
  store: StorePort;
  policy: Policy;
  clock: Clock;
  settings: Settings;
  notifier: Notifier;
  reports: ReportService;
  logger: Logger;
}
