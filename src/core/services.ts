// Everything a command needs, built once by the composition root.
import type { Logger } from "pino";
import type { Clock } from "../clock.ts";
import type { HostingProvider } from "../hosting/port.ts";
import type { Language } from "../i18n/index.ts";
import type { Policy } from "../policy.ts";
import type { AuditTrail } from "../store/audit.ts";
import type { Store } from "../store/store.ts";
import type { Notifier } from "./notifier.ts";

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

export interface Services {
  provider: HostingProvider;
  sandbox?: SandboxControls;
  store: Store;
  audit: AuditTrail;
  policy: Policy;
  clock: Clock;
  settings: Settings;
  notifier: Notifier;
  logger: Logger;
}
