import { hasRole } from "../actor.ts";
import type { Context } from "../context.ts";
import type { Command, QueryCommand } from "./command.ts";
import { notice } from "../reply.ts";
import { usageLine } from "./usage.ts";

/** The commands this asker may run, with usage; viewers on chat learn how to get more. */
export function helpText(ctx: Context, commands: readonly Command[]): string {
  const { t } = ctx;
  const allowed = commands.filter(
    (c) => hasRole(ctx.role, c.minRole) && (!c.sandboxOnly || ctx.services.sandbox),
  );
  const lines = [t("help.title", { role: t(`role.${ctx.role}`) })];
  for (const command of allowed) {
    lines.push(`  ${usageLine(t, command)} — ${t(`help.describe.${command.name}`)}`);
  }
  if (ctx.actor.platform === "console") lines.push(`  exit — ${t("help.exit")}`);
  if (ctx.role !== "admin" && ctx.actor.platform !== "console") {
    lines.push(t("help.grantHint", { principal: `${ctx.actor.platform}:${ctx.actor.id}` }));
  }
  return lines.join("\n");
}

export function makeHelp(commands: () => readonly Command[]): QueryCommand {
  return {
    name: "help",
    minRole: "viewer",
    args: [],
    async run(ctx) {
      return notice(helpText(ctx, commands()));
    },
  };
}
