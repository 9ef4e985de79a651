// Errors as values with a code. A UserError is safe to show: its catalog key says what to do.
import type { Vars } from "./i18n/index.ts";

export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    /** Catalog key of the message shown to the user. */
    readonly key: string,
    readonly vars: Vars = {},
  ) {
    super(key);
  }
}

/** The data file or the sandbox file could not be used; start-up stops. */
export class StoreError extends Error {
  override readonly name = "StoreError";
}

/** Invalid configuration; the message names each bad variable. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}
