// Buttons on alerts and warnings are offers: a click opens a normal confirmation for the
// person who clicked (the engine checks their role), so nothing runs from the alert itself.
import { mutationOf } from "../core/commands/index.ts";
import { buttonId } from "../core/confirmations.ts";
import type { Button } from "../core/reply.ts";
import type { Language } from "../i18n/index.ts";
import type { StorePort } from "../store/port.ts";

export interface OfferSpec {
  mutation: "block" | "unblock" | "purge";
  label: string;
}

export async function offerButtons(
  store: StorePort,
  context: { hosting: string; language: Language; now: number; expiresAt: number },
  specs: readonly OfferSpec[],
): Promise<Button[]> {
  const buttons: Button[] = [];
  for (const spec of specs) {
    const offer = await store.confirmations.create({
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
    buttons.push({ id: buttonId("ok", offer.token), role: "offer", label: spec.label, style: mutationOf(spec.mutation).look.offer });
  }
  return buttons;
}
