import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppSettings, ProxySettings } from '../../../shared/providers'
import { Field } from './Field'
import { Message } from './Message'
import { useProvidersStore } from './providers-store'
import { checkBypassList, checkProxyUrl, parseBypassList } from './proxy-input'
import { Section } from './Section'
import { useTask } from './useTask'
import { useValidation } from './useValidation'

type Mode = ProxySettings['mode']

interface Draft {
  mode: Mode
  url: string
  bypass: string
}

// Each mode's words are network.modes.<mode> and network.modes.<mode>Hint.
const MODES: Mode[] = ['system', 'none', 'custom']

// Examples of addresses, the same in every language.
const URL_EXAMPLE = 'http://proxy.example.com:8080'
const BYPASS_EXAMPLE = 'localhost\n.internal.example.com\n10.0.0.0/8'

function fromSettings(proxy: ProxySettings): Draft {
  return proxy.mode === 'custom'
    ? { mode: 'custom', url: proxy.url, bypass: proxy.bypass.join('\n') }
    : { mode: proxy.mode, url: '', bypass: '' }
}

/** How Roundtable reaches providers: through the system's proxy, none, or one given here. */
export function NetworkSection({ settings }: { settings: AppSettings }) {
  const { t } = useTranslation('settings')
  const updateSettings = useProvidersStore((state) => state.updateSettings)
  // Null until the person changes something: until then the saved settings are shown as they are.
  const [draft, setDraft] = useState<Draft | null>(null)
  const [saved, setSaved] = useState(false)
  const save = useTask()
  const form = useRef<HTMLFormElement>(null)
  const groupName = useId()

  const shown = draft ?? fromSettings(settings.proxy)
  const custom = shown.mode === 'custom'
  const validation = useValidation({
    url: custom ? checkProxyUrl(shown.url, t) : null,
    bypass: custom ? checkBypassList(shown.bypass, t) : null,
  })
  const change = (changes: Partial<Draft>) => {
    setDraft({ ...shown, ...changes })
    setSaved(false)
  }

  const submit = async () => {
    if (save.busy || !validation.attempt(form.current)) return
    const proxy: ProxySettings =
      shown.mode === 'custom'
        ? { mode: 'custom', url: shown.url.trim(), bypass: parseBypassList(shown.bypass) }
        : { mode: shown.mode }
    const result = await save.run(() => updateSettings({ proxy }))
    if (!result.ok) return
    setDraft(null)
    setSaved(true)
  }

  return (
    <Section title={t('network.title')}>
      <form
        ref={form}
        className="settings-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <fieldset className="settings-radios">
          <legend>{t('network.proxy')}</legend>
          {MODES.map((mode) => (
            <div key={mode} className="settings-radio">
              <label>
                <input
                  type="radio"
                  name={groupName}
                  value={mode}
                  checked={shown.mode === mode}
                  aria-describedby={`${groupName}-${mode}`}
                  onChange={() => change({ mode })}
                />
                {t(`network.modes.${mode}`)}
              </label>
              <span id={`${groupName}-${mode}`} className="settings-hint">
                {t(`network.modes.${mode}Hint`)}
              </span>
            </div>
          ))}
        </fieldset>
        {custom ? (
          <>
            <Field label={t('network.url')} hint={t('network.urlHint')} error={validation.shown('url')}>
              {(control) => (
                <input
                  {...control}
                  type="url"
                  value={shown.url}
                  maxLength={2_000}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={URL_EXAMPLE}
                  onChange={(event) => change({ url: event.target.value })}
                  onBlur={validation.onBlur('url')}
                />
              )}
            </Field>
            <Field
              label={t('network.bypass')}
              hint={t('network.bypassHint')}
              error={validation.shown('bypass')}
            >
              {(control) => (
                <textarea
                  {...control}
                  value={shown.bypass}
                  rows={4}
                  spellCheck={false}
                  placeholder={BYPASS_EXAMPLE}
                  onChange={(event) => change({ bypass: event.target.value })}
                  onBlur={validation.onBlur('bypass')}
                />
              )}
            </Field>
          </>
        ) : null}
        <div className="settings-actions">
          <button type="submit" disabled={save.busy}>
            {save.busy ? t('form.saving') : t('network.save')}
          </button>
        </div>
        {validation.submitted && !validation.valid ? (
          <Message kind="error">{t('form.fixFields')}</Message>
        ) : null}
        {save.error ? <Message kind="error">{save.error}</Message> : null}
        {saved ? <Message kind="success">{t('network.saved')}</Message> : null}
      </form>
    </Section>
  )
}
