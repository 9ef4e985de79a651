// GET /auth/currentCredential: the consumer key's rules and expiry. node-ovh never signs a
// path containing "/auth", so this one call is signed here, the same way.
import { createHash } from "node:crypto";
import { request } from "node:https";
import { parseEndpoint } from "./client.ts";
import { apiHost } from "./rights.ts";

export interface CurrentCredential {
  rules?: { method?: string; path?: string }[];
  expiration?: string | null;
  status?: string;
}

export interface SignedTarget {
  endpoint: string;
  appKey: string;
  appSecret: string;
  consumerKey: string;
  /** Server time minus local time, seconds (from /auth/time). */
  timeDiff: number;
  timeoutMs: number;
}

export function fetchCurrentCredential(target: SignedTarget): Promise<CurrentCredential> {
  const where = parseEndpoint(target.endpoint);
  const host = where && "name" in where ? apiHost(where.name) : where?.host;
  const port = where && "port" in where ? where.port : 443;
  if (!host) return Promise.reject(new Error("unknown endpoint"));
  const path = "/1.0/auth/currentCredential";
  const timestamp = Math.round(Date.now() / 1000) + target.timeDiff;
  const signed = [target.appSecret, target.consumerKey, "GET", `https://${host}${path}`, "", timestamp].join("+");
  const headers = {
    "X-Ovh-Application": target.appKey,
    "X-Ovh-Consumer": target.consumerKey,
    "X-Ovh-Timestamp": String(timestamp),
    "X-Ovh-Signature": `$1$${createHash("sha1").update(signed).digest("hex")}`,
  };
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, method: "GET", headers, timeout: target.timeoutMs }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => {
        if ((res.statusCode ?? 0) >= 300) return reject(new Error(`HTTP ${res.statusCode}`));
        try {
          resolve(JSON.parse(body) as CurrentCredential);
        } catch {
          reject(new Error("not JSON"));
        }
      });
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}
