// Counting an error appended twice once while reading the error log front to back, without
// remembering every error. The collector appends one hosting's errors oldest first and, after
// a crash between an append and its cursor's save, appends that one answer again (at most the
// provider's page of 100 errors): a copy follows its original within the next errors kept for
// the same hosting. Each hosting's last WINDOW keys are remembered, as 53-bit hashes.
const WINDOW = 200;

export class RecentKeys {
  private readonly byHosting = new Map<string, Set<number>>();

  /** True the first time this hosting's `key` is seen within the window; remembers it. */
  firstTime(hosting: string, key: string): boolean {
    let keys = this.byHosting.get(hosting);
    if (!keys) {
      keys = new Set();
      this.byHosting.set(hosting, keys);
    }
    const hash = hash53(key);
    if (keys.has(hash)) return false;
    keys.add(hash);
    if (keys.size > WINDOW) {
      for (const oldest of keys) {
        keys.delete(oldest);
        break;
      }
    }
    return true;
  }
}

/** cyrb53: a fast 53-bit string hash (public domain, bryc). */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
