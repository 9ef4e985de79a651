// The optional policy file (MAILBRAKE_CONFIG): roles, hosting aliases, channels.
import { readFileSync } from "node:fs";
import * as z from "./zod.ts";
import { ConfigError } from "./errors.ts";
import { LANGUAGES } from "./i18n/index.ts";

/** A principal: `slack:U123`, `slack-group:S123`, `discord:123`, `discord-role:456`, `console:*`. */
const principal = z
  .string()
  .check(z.regex(/^(console|slack|slack-group|discord|discord-role):[^\s]+$/, "such as slack:U0123"));

const nonEmpty = () => z.string().check(z.minLength(1));

const channelSchema = z.object({
  slack: z.optional(nonEmpty()),
  discord: z.optional(nonEmpty()),
  language: z.optional(z.enum(LANGUAGES)),
});

export const policySchema = z.strictObject({
  roles: z._default(
    z.partial(
      z.object({
        admin: z._default(z.array(principal), []),
        operator: z._default(z.array(principal), []),
        viewer: z._default(z.array(principal), []),
      }),
    ),
    {},
  ),
  aliases: z._default(z.record(nonEmpty(), nonEmpty()), {}),
  channels: z._default(z.extend(channelSchema, { hostings: z._default(z.record(nonEmpty(), channelSchema), {}) }), {
    hostings: {},
  }),
});

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
