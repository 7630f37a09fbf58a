// Words for the response cache's figures in Settings: pure, so they are tested without a page.
import type { CacheStats } from '../../../shared/providers'
import { type Formatter, formatter } from '../i18n/format'
import { type SettingsT, settingsT } from './format'

const UNITS = ['KB', 'MB', 'GB'] as const

/** "0 B", "512 B", "3.4 KB", "120 MB": binary units, as the size cap counts them. */
export function formatBytes(bytes: number, format: Formatter = formatter()): string {
  if (bytes < 1024) return `${format.number(bytes, { useGrouping: false })} B`
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value < 10 ? value.toFixed(1) : format.number(Math.round(value))} ${UNITS[unit]}`
}

/** "50% (1 of 2 lookups)", or why there is no rate yet. */
export function describeHitRate(
  stats: Pick<CacheStats, 'hits' | 'lookups'>,
  t: SettingsT = settingsT(),
  format: Formatter = formatter(),
): string {
  if (stats.lookups === 0) return t('cache.noLookups')
  return t('cache.rate', {
    count: stats.lookups,
    percent: Math.round((stats.hits / stats.lookups) * 100),
    hits: format.number(stats.hits),
    lookups: format.number(stats.lookups),
  })
}
