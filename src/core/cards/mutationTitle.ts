// A mutation's title, the same on its confirmation, announcement, progress and reconciliation.
import type { Translate } from "../../i18n/index.ts";
import type { MutationName } from "../../store/schema.ts";

export const mutationTitle = (ctx: { t: Translate }, c: { mutation: MutationName; hosting: string }): string =>
  ctx.t("mutation.title", { action: ctx.t(`mutation.${c.mutation}.name`), hosting: c.hosting });
