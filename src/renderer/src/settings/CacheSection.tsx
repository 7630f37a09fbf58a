import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type AppSettings,
  CACHE_SETTING_LIMITS,
  type CacheSettings,
  type CacheStats,
  DEFAULT_CACHE_SETTINGS,
} from '../../../shared/providers'
import { api } from '../api'
import { useFormat } from '../i18n/format'
import { describeHitRate, formatBytes } from './cache-format'
import type { SettingsT } from './format'
import { Message } from './Message'
import { useProvidersStore } from './providers-store'
import { Section } from './Section'
import { useTask } from './useTask'
import { type WholeNumberField, WholeNumberForm } from './WholeNumberForm'

const fields = (t: SettingsT): WholeNumberField<keyof CacheSettings>[] => [
  {
    name: 'ttlDays',
    label: t('cache.ttlDays'),
    hint: t('cache.ttlDaysHint'),
    ...CACHE_SETTING_LIMITS.ttlDays,
  },
  {
    name: 'maxMegabytes',
    label: t('cache.maxMegabytes'),
    hint: t('cache.maxMegabytesHint'),
    ...CACHE_SETTING_LIMITS.maxMegabytes,
  },
]

/**
 * The response cache: how long answers are kept and how much room they may take, what it holds now,
 * and Clear cache. Which chats use it is each chat's Cache setting.
 */
export function CacheSection({ settings }: { settings: AppSettings }) {
  const { t } = useTranslation('settings')
  const format = useFormat()
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
    <Section title={t('cache.title')}>
      <p className="settings-hint">{t('cache.intro')}</p>
      <dl className="cache-stats" aria-label={t('cache.contents')}>
        <div>
          <dt>{t('cache.size')}</dt>
          <dd>{stats ? formatBytes(stats.bytes, format) : '…'}</dd>
        </div>
        <div>
          <dt>{t('cache.entries')}</dt>
          <dd>{stats ? format.number(stats.entries) : '…'}</dd>
        </div>
        <div>
          <dt>{t('cache.hitRate')}</dt>
          <dd>{stats ? describeHitRate(stats, t, format) : '…'}</dd>
        </div>
      </dl>
      <p className="settings-hint">{t('cache.hitRateHint')}</p>
      <div className="settings-actions">
        <button
          type="button"
          className="secondary"
          disabled={figures.busy || stats?.entries === 0}
          onClick={() => void clear()}
        >
          {t('cache.clear')}
        </button>
        <button type="button" className="secondary" disabled={figures.busy} onClick={() => void load()}>
          {t('cache.refresh')}
        </button>
      </div>
      {figures.error ? <Message kind="error">{figures.error}</Message> : null}
      {cleared ? <Message kind="success">{t('cache.cleared')}</Message> : null}
      <WholeNumberForm
        fields={fields(t)}
        values={settings.cache}
        defaults={DEFAULT_CACHE_SETTINGS}
        save={(cache) => updateSettings({ cache })}
        saveLabel={t('cache.save')}
        savedText={t('cache.saved')}
      />
    </Section>
  )
}
