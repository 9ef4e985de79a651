// Seeded PRNG (mulberry32). Its whole state is one 32-bit integer, so it is persisted
// with the sandbox and a reopened sandbox continues the same sequence.

export class Rng {
  constructor(private current: number) {
    this.current = current | 0;
  }

  get state(): number {
    return this.current;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.current = (this.current + 0x6d2b79f5) | 0;
    let t = this.current;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("Rng.pick: empty list");
    return item;
  }

  /** Standard normal (Box-Muller). */
  gaussian(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Poisson-distributed count: exact for small means, normal approximation above. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.gaussian()));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.next();
    while (product > limit) {
      count++;
      product *= this.next();
    }
    return count;
  }

  /** How many of `trials` succeed with `probability` each. */
  binomial(trials: number, probability: number): number {
    if (trials <= 0 || probability <= 0) return 0;
    if (trials > 200) {
      const mean = trials * probability;
      const sd = Math.sqrt(mean * (1 - probability));
      return Math.min(trials, Math.max(0, Math.round(mean + sd * this.gaussian())));
    }
    let count = 0;
    for (let i = 0; i < trials; i++) if (this.next() < probability) count++;
    return count;
  }
}
