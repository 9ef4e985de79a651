// The optional policy file (MAILBRAKE_CONFIG): roles, hosting aliases, channels.
import { readFileSync } from "node:fs";
import * as z from "zod";
import { ConfigError } from "./errors.ts";
import { LANGUAGES } from "./i18n/index.ts";

/** A principal: `slack:U123`, `slack-group:S123`, `discord:123`, `discord-role:456`, `console:*`. */
const principal = z
  .string()
  .regex(/^(console|slack|slack-group|discord|discord-role):[^\s]+$/, "such as slack:U0123");

const channelSchema = z.object({
  slack: z.string().min(1).optional(),
  discord: z.string().min(1).optional(),
  language: z.enum(LANGUAGES).optional(),
});

export const policySchema = z
  .object({
    roles: z
      .object({
        admin: z.array(principal).default([]),
        operator: z.array(principal).default([]),
        viewer: z.array(principal).default([]),
      })
      .partial()
      .default({}),
    aliases: z.record(z.string().min(1), z.string().min(1)).default({}),
    channels: channelSchema
      .extend({ hostings: z.record(z.string().min(1), channelSchema).default({}) })
      .default({ hostings: {} }),
  })
  .strict();

export type Policy = z.infer<typeof policySchema> & { fromFile: boolean };

export const emptyPolicy = (): Policy => ({ ...policySchema.parse({}), fromFile: false });

export function loadPolicy(file: string | undefined, admins: string | undefined): Policy {
  const policy = file ? readPolicyFile(file) : emptyPolicy();
  const bootstrap = admins ? admins.split(",").map((entry) => entry.trim()) : [];
  policy.roles.admin = [...(policy.roles.admin ?? []), ...bootstrap];
  return policy;
}

function readPolicyFile(file: string): Policy {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`MAILBRAKE_CONFIG: cannot read ${file}: ${(error as Error).message}`);
  }
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`MAILBRAKE_CONFIG: ${file} is not a valid policy:\n${lines.join("\n")}`);
  }
  return { ...parsed.data, fromFile: true };
}
