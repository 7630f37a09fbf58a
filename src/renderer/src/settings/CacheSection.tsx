import { useCallback, useEffect, useState } from 'react'
import {
  type AppSettings,
  CACHE_SETTING_LIMITS,
  type CacheSettings,
  type CacheStats,
  DEFAULT_CACHE_SETTINGS,
} from '../../../shared/providers'
import { api } from '../api'
import { describeHitRate, formatBytes } from './cache-format'
import { Message } from './Message'
import { useProvidersStore } from './providers-store'
import { Section } from './Section'
import { useTask } from './useTask'
import { type WholeNumberField, WholeNumberForm } from './WholeNumberForm'

const FIELDS: WholeNumberField<keyof CacheSettings>[] = [
  {
    name: 'ttlDays',
    label: 'Keep answers for (days)',
    hint: 'An older answer is asked for afresh.',
    ...CACHE_SETTING_LIMITS.ttlDays,
  },
  {
    name: 'maxMegabytes',
    label: 'Size cap (MB)',
    hint: 'Past it, the answers used least recently make room.',
    ...CACHE_SETTING_LIMITS.maxMegabytes,
  },
]

/**
 * The response cache: how long answers are kept and how much room they may take, what it holds now,
 * and Clear cache. Which chats use it is each chat's Cache setting.
 */
export function CacheSection({ settings }: { settings: AppSettings }) {
  const updateSettings = useProvidersStore((state) => state.updateSettings)
  const [cleared, setCleared] = useState(false)
  const [stats, setStats] = useState<CacheStats | null>(null)
  const figures = useTask()

  const { run: runFigures } = figures
  const load = useCallback(async () => {
    const result = await runFigures(() => api.getCacheStats())
    if (result.ok) setStats(result.value)
  }, [runFigures])
  useEffect(() => void load(), [load])

  const clear = async () => {
    setCleared(false)
    const result = await figures.run(() => api.clearCache())
    if (!result.ok) return
    setStats(result.value)
    setCleared(true)
  }

  return (
    <Section title="Response cache">
      <p className="settings-hint">
        Answers kept on this computer and shown at once, without asking the provider again, when the same
        model is asked the same thing with the same settings. Each chat chooses in its settings: Auto (the
        default) keeps answers at temperature 0 and chat titles.
      </p>
      <dl className="cache-stats" aria-label="Cache contents">
        <div>
          <dt>Size</dt>
          <dd>{stats ? formatBytes(stats.bytes) : '…'}</dd>
        </div>
        <div>
          <dt>Entries</dt>
          <dd>{stats ? stats.entries.toLocaleString('en') : '…'}</dd>
        </div>
        <div>
          <dt>Hit rate</dt>
          <dd>{stats ? describeHitRate(stats) : '…'}</dd>
        </div>
      </dl>
      <p className="settings-hint">The hit rate counts lookups since Roundtable started.</p>
      <div className="settings-actions">
        <button
          type="button"
          className="secondary"
          disabled={figures.busy || stats?.entries === 0}
          onClick={() => void clear()}
        >
          Clear cache
        </button>
        <button type="button" className="secondary" disabled={figures.busy} onClick={() => void load()}>
          Refresh
        </button>
      </div>
      {figures.error ? <Message kind="error">{figures.error}</Message> : null}
      {cleared ? <Message kind="success">The cache is empty. Answers in chats stay.</Message> : null}
      <WholeNumberForm
        fields={FIELDS}
        values={settings.cache}
        defaults={DEFAULT_CACHE_SETTINGS}
        save={(cache) => updateSettings({ cache })}
        saveLabel="Save cache settings"
        savedText="Cache settings saved."
      />
    </Section>
  )
}
