// Errors as values with a code. A UserError is safe to show: its catalog key says what to do.
import type { Vars } from "./i18n/index.ts";

/**
 * An error that says what went wrong as a stable code (audit outcomes, logs, what the user
 * is shown), and the error it was made from, if any.
 */
export interface CodedError extends Error {
  readonly code: string;
  readonly cause?: unknown;
}

export const isCoded = (error: unknown): error is CodedError =>
  error instanceof Error && typeof (error as { code?: unknown }).code === "string";

export class UserError extends Error implements CodedError {
  override readonly name = "UserError";
  constructor(
    /** Catalog key of the message shown to the user. */
    readonly key: string,
    readonly vars: Vars = {},
    options?: { cause?: unknown; usage?: boolean },
  ) {
    super(key, options);
    this.usage = options?.usage === true;
  }

  /** The command was used wrongly (a bad option value): a one-shot command's exit code 4. */
  readonly usage: boolean;

  /** The catalog key is the code. */
  get code(): string {
    return this.key;
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
