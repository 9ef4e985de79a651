// discord.js throws (an unhandled rejection) on an INTERACTION_CREATE lacking fields it
// assumes. The raw packet is seen here first, and is the same object discord.js then handles:
// harmless gaps are filled, and a packet naming nobody is set aside with one log line.
import type { GatewayDispatchPayload } from "discord.js";
import type { Logger } from "pino";

const SET_ASIDE = "MAILBRAKE_MALFORMED_INTERACTION";

export function guardRawPacket(packet: GatewayDispatchPayload, logger: Logger): void {
  if (packet.t !== "INTERACTION_CREATE") return;
  const d = packet.d as unknown as Record<string, unknown> | null;
  if (!d || typeof d !== "object" || (!d.user && !d.member)) {
    const interaction = d?.id;
    logger.warn({ interaction }, "malformed interaction from the gateway (no user): ignored");
    (packet as { t: string }).t = SET_ASIDE;
    return;
  }
  d.entitlements ??= [];
  d.authorizing_integration_owners ??= {};
}
