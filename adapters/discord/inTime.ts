// Discord drops an interaction not answered within 3 seconds. Fast work is answered directly
// (one callback); work still running after `deferAfterMs` is deferred first, then edited in.
export interface InTime<T> {
  value: T;
  deferred: boolean;
}

export async function inTime<T>(
  work: Promise<T>,
  deferAfterMs: number,
  defer: () => Promise<unknown>,
): Promise<InTime<T>> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<"slow">((resolve) => {
    timer = setTimeout(() => resolve("slow"), deferAfterMs);
  });
  const first = await Promise.race([work.then((value) => ({ value })), slow]).finally(() =>
    clearTimeout(timer),
  );
  if (first !== "slow") return { value: first.value, deferred: false };
  // If deferring fails, the work's own outcome must not become an unhandled rejection.
  work.catch(() => undefined);
  await defer();
  return { value: await work, deferred: true };
}

/** The value, or `fallback` when it takes longer than `ms` (autocomplete has no defer). */
export async function within<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
