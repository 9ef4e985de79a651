// The API routes the bot uses, with the IAM action each needs (DOMAIN.md), and the
// token-creation URL that asks for exactly those rights.

export interface BotRoute {
  method: "GET" | "PUT" | "POST";
  /** Path as written in a token rule (`*` for the service name). */
  path: string;
  iamAction: string;
  write: boolean;
}

export const BOT_ROUTES: readonly BotRoute[] = [
  { method: "GET", path: "/hosting/web", iamAction: "webHosting:apiovh:get", write: false },
  { method: "GET", path: "/hosting/web/*/email", iamAction: "webHosting:apiovh:email/get", write: false },
  { method: "PUT", path: "/hosting/web/*/email", iamAction: "webHosting:apiovh:email/edit", write: true },
  {
    method: "POST",
    path: "/hosting/web/*/email/request",
    iamAction: "webHosting:apiovh:email/request/create",
    write: true,
  },
  {
    method: "GET",
    path: "/hosting/web/*/email/bounces",
    iamAction: "webHosting:apiovh:email/bounces/get",
    write: false,
  },
  {
    method: "GET",
    path: "/hosting/web/*/email/volumes",
    iamAction: "webHosting:apiovh:email/volumes/get",
    write: false,
  },
];

/** The route rule a concrete call matches (`/hosting/web/x/email` → `/hosting/web/*\/email`). */
export function routeOf(method: string, path: string): BotRoute | undefined {
  const bare = path.split("?")[0] ?? path;
  return BOT_ROUTES.find((route) => route.method === method && globMatch(route.path, bare));
}

/** Token rules use `*` as "anything, including slashes". */
export function globMatch(pattern: string, path: string): boolean {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`).test(path);
}

const API_HOSTS: Record<string, string> = {
  "ovh-eu": "eu.api.ovh.com",
  "ovh-ca": "ca.api.ovh.com",
  "ovh-us": "api.us.ovhcloud.com",
};

/** The page where an account owner creates an application key and consumer key with these rights. */
export function tokenCreationUrl(endpoint: string): string {
  const host = API_HOSTS[endpoint] ?? endpoint;
  const query = BOT_ROUTES.map((route) => `${route.method}=${route.path}`).join("&");
  return `https://${host}/createToken/?${query}`;
}

export const knownEndpoints = (): string[] => Object.keys(API_HOSTS);

export const apiHost = (endpoint: string): string | undefined => API_HOSTS[endpoint];
