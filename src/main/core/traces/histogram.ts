// Bins 10 % wide on a log scale: any positive value falls in bin floor(log(v) / log(1.1)), and a bin
// stands for its geometric middle, within 5 % of every value in it. Plain functions (the monitoring
// worker loads this file as it is).

const GROWTH = 1.1
const LOG_GROWTH = Math.log(GROWTH)
/** Values under 1 (a 0 ms first token from the cache, a crawl under 1 token/s) share the lowest bin. */
const LOWEST = 0

export function binOf(value: number): number {
  return value < 1 ? LOWEST : Math.floor(Math.log(value) / LOG_GROWTH)
}

export function valueOfBin(bin: number): number {
  return GROWTH ** (bin + 0.5)
}

/** The value at percentile `p` (0–100, nearest rank) of counts per bin; null when there are none. */
export function percentileOfBins(counts: ReadonlyMap<number, number>, p: number): number | null {
  let total = 0
  for (const n of counts.values()) total += n
  if (total === 0) return null
  const rank = Math.max(1, Math.ceil((p / 100) * total))
  let seen = 0
  for (const bin of [...counts.keys()].sort((a, b) => a - b)) {
    seen += counts.get(bin) ?? 0
    if (seen >= rank) return valueOfBin(bin)
  }
  return null
}
