// Small helpers shared by the benchmarks.
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

export function summary(samplesMs: number[]): { p50: number; p99: number; mean: number } {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean };
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** One benchmark figure with its baseline, the ratio and whether it meets its goal (ratio ≤ goal). */
export function ratioLine(what: string, value: string, baselineName: string, baseline: string, ratio: number, goal: number): string {
  const verdict = ratio <= goal ? "met" : "MISSED";
  return `${what}: ${value} | baseline ${baselineName}: ${baseline} | ratio ${ratio.toFixed(2)}× (goal ≤ ${goal}×) ${verdict}`;
}
