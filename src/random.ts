// Random identifiers (confirmation tokens, temp file names, error references) from the Web
// Crypto global, which Node loads when first used: a command that needs none (`status`) does
// not load node:crypto at start.
export function randomText(bytes: number, encoding: "hex" | "base64url"): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(bytes))).toString(encoding);
}
