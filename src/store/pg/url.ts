// DATABASE_URL checked and described without loading the PostgreSQL client (the
// configuration is validated at every start, with or without a database).
/** Where the URL points, for messages: `user@host:port/database` (never the password). */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : "";
    return `${user}${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "(malformed URL)";
  }
}

/** Whether `url` looks like a PostgreSQL URL (checked at start-up, before any connection). */
export function isPostgresUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === "postgres:" || u.protocol === "postgresql:") && u.hostname !== "" && u.pathname.length > 1;
  } catch {
    return false;
  }
}
