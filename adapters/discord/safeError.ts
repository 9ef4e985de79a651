// What of a discord.js error may be logged: never a URL (interaction and webhook URLs carry
// tokens) nor the request's headers.
import { DiscordAPIError, HTTPError } from "discord.js";

const TOKEN_PATHS = /\/(interactions\/\d+|webhooks\/\d+)\/[^/\s?]+/g;

export interface SafeError {
  name: string;
  message: string;
  code?: number | string;
  status?: number;
  method?: string;
}

export function safeError(error: unknown): SafeError {
  if (error instanceof DiscordAPIError) {
    return {
      name: error.name,
      message: scrub(error.message),
      code: error.code,
      status: error.status,
      method: error.method,
    };
  }
  if (error instanceof HTTPError) {
    return {
      name: error.name,
      message: scrub(error.message),
      status: error.status,
      method: error.method,
    };
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: scrub(error.message),
      ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    };
  }
  return { name: "unknown", message: scrub(String(error)) };
}

const scrub = (text: string) => text.replace(TOKEN_PATHS, "/$1/[token]");
