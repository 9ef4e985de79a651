// Creates the official node-ovh client from our settings: a named endpoint or the
// `host[:port]` of an API-compatible proxy; application keys or an OAuth2 service account.
import { createRequire } from "node:module";
import { knownEndpoints } from "./rights.ts";

/** The part of node-ovh we use. It rejects with plain objects, never Errors. */
export interface NodeOvhClient {
  apiTimeDiff: number | null;
  requestPromised(method: string, path: string, params?: Record<string, unknown>): PromiseLike<unknown>;
}

export interface OvhCredentials {
  appKey?: string;
  appSecret?: string;
  consumerKey?: string;
  clientId?: string;
  clientSecret?: string;
}

export interface OvhTarget {
  /** `ovh-eu`, `ovh-ca`, `ovh-us`, or `host[:port]`. */
  endpoint: string;
  credentials: OvhCredentials;
}

const HOST_PORT = /^([A-Za-z0-9.-]+)(?::(\d{1,5}))?$/;

/** Parses a `host[:port]` endpoint; undefined when it is neither that nor a known name. */
export function parseEndpoint(endpoint: string): { name: string } | { host: string; port: number } | undefined {
  if (knownEndpoints().includes(endpoint)) return { name: endpoint };
  const match = HOST_PORT.exec(endpoint);
  if (!match?.[1]) return undefined;
  const port = match[2] ? Number(match[2]) : 443;
  if (port < 1 || port > 65_535) return undefined;
  return { host: match[1], port };
}

export const usesOAuth2 = (credentials: OvhCredentials): boolean =>
  !credentials.appKey && Boolean(credentials.clientId && credentials.clientSecret);

export function createNodeOvhClient(target: OvhTarget): NodeOvhClient {
  const where = parseEndpoint(target.endpoint);
  if (!where) throw new Error(`OVH_ENDPOINT must be ovh-eu, ovh-ca, ovh-us or host[:port]`);
  const { credentials } = target;
  const params: Record<string, unknown> = {
    // No `timeout`: node-ovh adds a socket listener per request with it (a leak on kept-alive
    // sockets). OvhApi puts its own deadline on every call and drops the request instead.
    basePath: "/1.0",
    warn: () => undefined,
  };
  if ("name" in where) params.endpoint = where.name;
  else {
    params.host = where.host;
    params.port = where.port;
    params.tokenURL = `https://${where.host}:${where.port}/auth/`;
  }
  if (usesOAuth2(credentials)) {
    params.clientID = credentials.clientId;
    params.clientSecret = credentials.clientSecret;
  } else {
    params.appKey = credentials.appKey;
    params.appSecret = credentials.appSecret;
    params.consumerKey = credentials.consumerKey;
  }
  const require = createRequire(import.meta.url);
  const ovh = require("@ovhcloud/node-ovh") as (params: Record<string, unknown>) => NodeOvhClient;
  return ovh(params);
}
