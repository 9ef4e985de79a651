// GET /healthz for load balancers and probes (HTTP mode). 200 while the adapter can take
// requests, 503 otherwise; no secrets, no workspace details.
import type { CustomRoute } from "@slack/bolt";

export interface SlackHealth {
  mode: "http" | "socket";
  connected: boolean;
  /** When `connected` last changed (ms since epoch). */
  since: number;
}

/** What the rest of the process says: the store in use, and whether this replica leads. */
export interface ProcessHealth {
  store: string;
  leader?: boolean;
}

export function healthRoute(read: () => SlackHealth, process?: () => ProcessHealth): CustomRoute {
  return {
    path: "/healthz",
    method: ["GET"],
    handler: (_req, res) => {
      const health = read();
      res.writeHead(health.connected ? 200 : 503, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          ok: health.connected,
          adapter: "slack",
          mode: health.mode,
          since: new Date(health.since).toISOString(),
          ...process?.(),
        }),
      );
    },
  };
}
