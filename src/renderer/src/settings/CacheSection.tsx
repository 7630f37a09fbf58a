import { useCallback, useEffect, useRef, useState } from 'react'
import {
  type AppSettings,
  CACHE_SETTING_LIMITS,
  type CacheSettings,
  type CacheStats,
  DEFAULT_CACHE_SETTINGS,
} from '../../../shared/providers'
import { api } from '../api'
import { describeHitRate, formatBytes } from './cache-format'
import { Field } from './Field'
import { Message } from './Message'
import { useProvidersStore } from './providers-store'
import { Section } from './Section'
import { useTask } from './useTask'
import { useValidation } from './useValidation'

type Name = keyof CacheSettings

const FIELDS: { name: Name; label: string; hint: string }[] = [
  { name: 'ttlDays', label: 'Keep answers for (days)', hint: 'An older answer is asked for afresh.' },
  {
    name: 'maxMegabytes',
    label: 'Size cap (MB)',
    hint: 'Past it, the answers used least recently make room.',
  },
]

function check(name: Name, text: string): string | null {
  const { min, max } = CACHE_SETTING_LIMITS[name]
  const value = Number(text)
  if (text.trim() === '' || !Number.isInteger(value)) return 'Enter a whole number.'
  if (value < min || value > max) return `Between ${min} and ${max.toLocaleString('en')}.`
  return null
}

const asDraft = (settings: CacheSettings) =>
  Object.fromEntries(FIELDS.map(({ name }) => [name, String(settings[name])])) as Record<Name, string>

/**
 * The response cache: how long answers are kept and how much room they may take, what it holds now,
 * and Clear cache. Which chats use it is each chat's Cache setting.
 */
export function CacheSection({ settings }: { settings: AppSettings }) {
  const updateSettings = useProvidersStore((state) => state.updateSettings)
  const [draft, setDraft] = useState<Record<Name, string> | null>(null)
  const [saved, setSaved] = useState(false)
  const [cleared, setCleared] = useState(false)
  const [stats, setStats] = useState<CacheStats | null>(null)
  const save = useTask()
  const figures = useTask()
  const form = useRef<HTMLFormElement>(null)
  const shown = draft ?? asDraft(settings.cache)
  const validation = useValidation(
    Object.fromEntries(FIELDS.map(({ name }) => [name, check(name, shown[name])])) as Record<
      Name,
      string | null
    >,
  )

  const { run: runFigures } = figures
  const load = useCallback(async () => {
    const result = await runFigures(() => api.getCacheStats())
    if (result.ok) setStats(result.value)
  }, [runFigures])
  useEffect(() => void load(), [load])

  const submit = async () => {
    if (save.busy || !validation.attempt(form.current)) return
    const cache = Object.fromEntries(
      FIELDS.map(({ name }) => [name, Number(shown[name])]),
    ) as unknown as CacheSettings
    const result = await save.run(() => updateSettings({ cache }))
    if (!result.ok) return
    setDraft(null)
    setSaved(true)
  }

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
      <form
        ref={form}
        className="settings-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <div className="settings-field-grid">
          {FIELDS.map(({ name, label, hint }) => (
            <Field key={name} label={label} hint={hint} error={validation.shown(name)}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  inputMode="numeric"
                  min={CACHE_SETTING_LIMITS[name].min}
                  max={CACHE_SETTING_LIMITS[name].max}
                  value={shown[name]}
                  onChange={(event) => {
                    setDraft({ ...shown, [name]: event.target.value })
                    setSaved(false)
                  }}
                  onBlur={validation.onBlur(name)}
                />
              )}
            </Field>
          ))}
        </div>
        <div className="settings-actions">
          <button type="submit" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Save cache settings'}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setDraft(asDraft(DEFAULT_CACHE_SETTINGS))
              setSaved(false)
            }}
          >
            Restore defaults
          </button>
        </div>
        {validation.submitted && !validation.valid ? (
          <Message kind="error">Fix the fields marked above first.</Message>
        ) : null}
        {save.error ? <Message kind="error">{save.error}</Message> : null}
        {saved ? <Message kind="success">Cache settings saved.</Message> : null}
      </form>
    </Section>
  )
}
