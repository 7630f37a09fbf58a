// The order statistics every benchmark prints.

/** The value at fraction `p` (0–1) of the sorted values, by nearest index. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))
  return sorted[index] ?? Number.NaN
}

export function median(values: number[]): number {
  return percentile(values, 0.5)
}
