// Bounded concurrency for work over many hostings: the provider has a limit of its own, and
// work waiting in its queue still holds its state; a few lanes keep it busy without that.

/** Runs `work` over `items` with at most `limit` in flight; results keep the items' order. */
export async function mapLimit<I, O>(items: readonly I[], limit: number, work: (item: I) => Promise<O>): Promise<O[]> {
  const results: O[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as I);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
