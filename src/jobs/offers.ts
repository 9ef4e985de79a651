// Buttons on alerts and warnings are offers: a click opens a normal confirmation for the
// person who clicked (the engine checks their role), so nothing runs from the alert itself.
import { buttonId, createConfirmation } from "../core/confirmations.ts";
import type { Button, ButtonStyle } from "../core/reply.ts";
import type { Language } from "../i18n/index.ts";
import type { Store } from "../store/store.ts";

export interface OfferSpec {
  mutation: "block" | "unblock" | "purge";
  label: string;
  style: ButtonStyle;
}

export function offerButtons(
  store: Store,
  context: { hosting: string; language: Language; now: number; expiresAt: number },
  specs: readonly OfferSpec[],
): Button[] {
  return specs.map((spec) => {
    const offer = createConfirmation(store, {
      kind: "offer",
      mutation: spec.mutation,
      hosting: context.hosting,
      args: {},
      requester: null,
      channel: "",
      language: context.language,
      createdAt: context.now,
      expiresAt: context.expiresAt,
    });
    return { id: buttonId("ok", offer.token), label: spec.label, style: spec.style };
  });
}
