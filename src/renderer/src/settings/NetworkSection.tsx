import { useId, useRef, useState } from 'react'
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

const MODES: { mode: Mode; label: string; hint: string }[] = [
  { mode: 'system', label: 'Use the system proxy', hint: 'What this computer’s network settings say.' },
  { mode: 'none', label: 'No proxy', hint: 'Connect to every provider directly.' },
  { mode: 'custom', label: 'Custom proxy', hint: 'Send requests through the proxy given here.' },
]

function fromSettings(proxy: ProxySettings): Draft {
  return proxy.mode === 'custom'
    ? { mode: 'custom', url: proxy.url, bypass: proxy.bypass.join('\n') }
    : { mode: proxy.mode, url: '', bypass: '' }
}

/** How Roundtable reaches providers: through the system's proxy, none, or one given here. */
export function NetworkSection({ settings }: { settings: AppSettings }) {
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
    url: custom ? checkProxyUrl(shown.url) : null,
    bypass: custom ? checkBypassList(shown.bypass) : null,
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
    <Section title="Network">
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
          <legend>Proxy</legend>
          {MODES.map(({ mode, label, hint }) => (
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
                {label}
              </label>
              <span id={`${groupName}-${mode}`} className="settings-hint">
                {hint}
              </span>
            </div>
          ))}
        </fieldset>
        {custom ? (
          <>
            <Field
              label="Proxy URL"
              hint="Starts with http://, https:// or socks5://, e.g. http://proxy.example.com:8080"
              error={validation.shown('url')}
            >
              {(control) => (
                <input
                  {...control}
                  type="url"
                  value={shown.url}
                  maxLength={2_000}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="http://proxy.example.com:8080"
                  onChange={(event) => change({ url: event.target.value })}
                  onBlur={validation.onBlur('url')}
                />
              )}
            </Field>
            <Field
              label="Bypass list"
              hint="Hosts reached directly, one per line: localhost, .internal.example.com, 10.0.0.0/8. This computer is always reached directly."
              error={validation.shown('bypass')}
            >
              {(control) => (
                <textarea
                  {...control}
                  value={shown.bypass}
                  rows={4}
                  spellCheck={false}
                  placeholder={'localhost\n.internal.example.com\n10.0.0.0/8'}
                  onChange={(event) => change({ bypass: event.target.value })}
                  onBlur={validation.onBlur('bypass')}
                />
              )}
            </Field>
          </>
        ) : null}
        <div className="settings-actions">
          <button type="submit" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Save proxy settings'}
          </button>
        </div>
        {validation.submitted && !validation.valid ? (
          <Message kind="error">Fix the fields marked above first.</Message>
        ) : null}
        {save.error ? <Message kind="error">{save.error}</Message> : null}
        {saved ? <Message kind="success">Proxy settings saved. New requests use them.</Message> : null}
      </form>
    </Section>
  )
}
