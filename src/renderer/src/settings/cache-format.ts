// Words for the response cache's figures in Settings: pure, so they are tested without a page.
import type { CacheStats } from '../../../shared/providers'

const UNITS = ['KB', 'MB', 'GB'] as const

/** "0 B", "512 B", "3.4 KB", "120 MB": binary units, as the size cap counts them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en')} ${UNITS[unit]}`
}

/** "50% (1 of 2 lookups)", or why there is no rate yet. */
export function describeHitRate(stats: Pick<CacheStats, 'hits' | 'lookups'>): string {
  if (stats.lookups === 0) return 'No lookups yet'
  const percent = Math.round((stats.hits / stats.lookups) * 100)
  const lookups = `${stats.lookups.toLocaleString('en')} lookup${stats.lookups === 1 ? '' : 's'}`
  return `${percent}% (${stats.hits.toLocaleString('en')} of ${lookups})`
}
