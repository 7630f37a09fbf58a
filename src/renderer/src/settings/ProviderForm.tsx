import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { originOf } from '../../../shared/key-binding'
import { checkBaseURL, checkProviderName } from '../../../shared/provider-validation'
import {
  type ConnectionTest,
  DEFAULT_AZURE_API_VERSION,
  type PresetId,
  type ProviderView,
  presetById,
} from '../../../shared/providers'
import type { Wording } from '../../../shared/wording'
import { api } from '../api'
import { useErrorText, wordingText } from '../i18n/error-text'
import { ConnectionTestResult } from './ConnectionTestResult'
import { Field } from './Field'
import {
  headersToText,
  keyPlaceholder,
  parseHeaders,
  type SettingsT,
  sameAzure,
  sameHeaders,
  sameName,
  uniqueName,
} from './format'
import { Message } from './Message'
import { PresetSelect } from './PresetSelect'
import { useProvidersStore } from './providers-store'
import { useValidation } from './useValidation'

const MAX_KEY_CHARS = 4_000

// Examples of addresses and headers, the same in every language.
const AZURE_EXAMPLE = 'https://my-resource.openai.azure.com'
const BASE_URL_EXAMPLE = 'https://api.example.com/v1'
const HEADER_EXAMPLE = 'X-Organization: my-team'

type FieldName = 'name' | 'baseURL' | 'headers' | 'deployment' | 'apiVersion' | 'apiKey' | 'maxConcurrent'
type Busy = 'save' | 'test' | 'remove-key' | null

interface Props {
  /** The saved provider to edit, or null to add one. */
  provider: ProviderView | null
  /** The id of the heading that names this form. */
  labelledBy: string
  /** Called with the provider's id after a save, with nothing after Cancel. */
  onClose: (savedId?: string) => void
}

/**
 * Adds or edits a provider. Everything is checked as it is typed and again before any call; a failed
 * save keeps what was typed. The key typed lives only in this form's state, and only until it closes.
 */
export function ProviderForm({ provider, labelledBy, onClose }: Props) {
  const { t, i18n } = useTranslation('settings')
  const { t: common } = useTranslation('common')
  const errorText = useErrorText()
  const providers = useProvidersStore((state) => state.providers)
  const put = useProvidersStore((state) => state.put)
  const load = useProvidersStore((state) => state.load)

  const [preset, setPreset] = useState<PresetId>(provider?.preset ?? 'custom')
  // Null while the person has not typed one: then the preset decides.
  const [name, setName] = useState<string | null>(provider ? provider.name : null)
  const [baseURL, setBaseURL] = useState<string | null>(provider ? provider.baseURL : null)
  const [apiKey, setApiKey] = useState('')
  const [headersText, setHeadersText] = useState(provider ? headersToText(provider.headers) : '')
  const [deployment, setDeployment] = useState(provider?.azure?.deployment ?? '')
  const [apiVersion, setApiVersion] = useState(provider?.azure?.apiVersion ?? DEFAULT_AZURE_API_VERSION)
  const [busy, setBusy] = useState<Busy>(null)
  // The failure itself, worded when shown, so a language switch rewords it.
  const [failure, setFailure] = useState<{ error: unknown } | null>(null)
  const [test, setTest] = useState<ConnectionTest | null>(null)
  const [keyRemoved, setKeyRemoved] = useState(false)
  // Empty: the default (4 at once).
  const [maxConcurrent, setMaxConcurrent] = useState(
    provider?.maxConcurrent ? String(provider.maxConcurrent) : '',
  )

  const form = useRef<HTMLFormElement>(null)
  const firstField = useRef<HTMLSelectElement & HTMLInputElement>(null)
  const keyInput = useRef<HTMLInputElement>(null)

  useEffect(() => {
    firstField.current?.focus()
  }, [])

  const presetInfo = presetById(preset)
  const isAzure = presetInfo.protocol === 'azure-openai'
  const otherNames = providers.filter((p) => p.id !== provider?.id).map((p) => p.name)
  const shownName = name ?? uniqueName(presetInfo.label, otherNames)
  const shownBaseURL = baseURL ?? presetInfo.baseURL

  const url = checkBaseURL(shownBaseURL)
  const worded = (said: Wording | null) => (said ? wordingText(said, i18n.language) : null)
  const headers = parseHeaders(headersText, t)
  const errors: Record<FieldName, string | null> = {
    name:
      worded(checkProviderName(shownName)) ??
      (otherNames.some((other) => sameName(other, shownName))
        ? t('providerForm.nameTaken', { name: shownName.trim() })
        : null),
    baseURL: worded(url.error),
    headers: headers.error,
    deployment: isAzure && !deployment.trim() ? t('providerForm.deploymentMissing') : null,
    apiVersion: isAzure && !apiVersion.trim() ? t('providerForm.apiVersionMissing') : null,
    apiKey: apiKey.length > MAX_KEY_CHARS ? t('providerForm.keyTooLong') : null,
    maxConcurrent:
      maxConcurrent.trim() === '' ||
      (/^\d+$/.test(maxConcurrent.trim()) && Number(maxConcurrent) >= 1 && Number(maxConcurrent) <= 64)
        ? null
        : t('providerForm.concurrencyInvalid'),
  }
  const { valid, submitted, shown, onBlur: blur, attempt } = useValidation(errors)
  // A result is only true of the values it was found with.
  const edited = () => setTest(null)

  const draft = {
    preset,
    name: shownName.trim(),
    baseURL: url.normalized,
    headers: headers.headers,
    azure: isAzure ? { deployment: deployment.trim(), apiVersion: apiVersion.trim() } : null,
  }
  const typedKey = apiKey.trim() ? apiKey : undefined
  const concurrency = maxConcurrent.trim() === '' ? null : Number(maxConcurrent)

  const checkAll = () => attempt(form.current)

  const runTest = async () => {
    if (busy || !checkAll()) return
    setBusy('test')
    setTest(null)
    try {
      const result = await api.testConnection({ providerId: provider?.id ?? null, draft, apiKey: typedKey })
      setTest(result)
      // A saved provider keeps the list it just fetched: show it under Models.
      if (provider && result.ok) load().catch(() => undefined)
    } catch (error) {
      setTest({ ok: false, reason: 'other', message: errorText(error) })
    } finally {
      setBusy(null)
    }
  }

  const save = async () => {
    if (busy || !checkAll()) return
    setBusy('save')
    setFailure(null)
    try {
      let savedId: string
      if (provider) {
        // Only what changed is sent, and nothing when nothing did: the key alone can be replaced.
        const changes = {
          ...(draft.name !== provider.name && { name: draft.name }),
          ...(draft.baseURL !== provider.baseURL && { baseURL: draft.baseURL }),
          ...(!sameHeaders(draft.headers, provider.headers) && { headers: draft.headers }),
          ...(!sameAzure(draft.azure, provider.azure) && { azure: draft.azure }),
          ...(concurrency !== provider.maxConcurrent && { maxConcurrent: concurrency }),
        }
        if (Object.keys(changes).length > 0)
          put(await api.updateProvider({ providerId: provider.id, ...changes }))
        if (typedKey !== undefined)
          put(await api.setProviderKey({ providerId: provider.id, apiKey: typedKey }))
        savedId = provider.id
      } else {
        const added = await api.addProvider({ ...draft, apiKey: typedKey })
        const view =
          concurrency === null
            ? added
            : await api.updateProvider({ providerId: added.id, maxConcurrent: concurrency })
        put(view)
        savedId = view.id
      }
      setApiKey('')
      onClose(savedId)
    } catch (error) {
      setFailure({ error })
    } finally {
      setBusy(null)
    }
  }

  const removeKey = async () => {
    if (!provider || busy) return
    setBusy('remove-key')
    setFailure(null)
    try {
      put(await api.setProviderKey({ providerId: provider.id, apiKey: null }))
      setKeyRemoved(true)
      keyInput.current?.focus()
    } catch (error) {
      setFailure({ error })
    } finally {
      setBusy(null)
    }
  }

  const cancel = () => {
    setApiKey('')
    onClose()
  }

  const hasStoredKey = provider?.key.kind === 'stored' || provider?.key.kind === 'saved-for-other-server'
  const keyWarning = typedKey === undefined ? keyStaysBehind(provider, url.normalized, t) : null

  return (
    <form
      ref={form}
      className="settings-form"
      aria-labelledby={labelledBy}
      aria-busy={busy !== null}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      {provider ? null : (
        <PresetSelect
          ref={firstField}
          value={preset}
          onChange={(next) => {
            setPreset(next)
            edited()
          }}
        />
      )}
      <Field label={t('providerForm.name')} error={shown('name')}>
        {(control) => (
          <input
            {...control}
            ref={provider ? firstField : undefined}
            value={shownName}
            maxLength={200}
            autoComplete="off"
            onChange={(event) => setName(event.target.value)}
            onBlur={blur('name')}
          />
        )}
      </Field>
      <Field
        label={t('providerForm.baseURL')}
        error={shown('baseURL')}
        warning={worded(url.warning)}
        hint={isAzure ? t('providerForm.azureHint') : undefined}
      >
        {(control) => (
          <input
            {...control}
            type="url"
            value={shownBaseURL}
            maxLength={2_000}
            placeholder={isAzure ? AZURE_EXAMPLE : BASE_URL_EXAMPLE}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => {
              setBaseURL(event.target.value)
              edited()
            }}
            onBlur={blur('baseURL')}
          />
        )}
      </Field>
      {isAzure ? (
        <div className="settings-field-row">
          <Field label={t('providerForm.deployment')} error={shown('deployment')}>
            {(control) => (
              <input
                {...control}
                value={deployment}
                maxLength={200}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => {
                  setDeployment(event.target.value)
                  edited()
                }}
                onBlur={blur('deployment')}
              />
            )}
          </Field>
          <Field label={t('providerForm.apiVersion')} error={shown('apiVersion')}>
            {(control) => (
              <input
                {...control}
                value={apiVersion}
                maxLength={50}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => {
                  setApiVersion(event.target.value)
                  edited()
                }}
                onBlur={blur('apiVersion')}
              />
            )}
          </Field>
        </div>
      ) : null}
      <Field
        label={
          <>
            {t('providerForm.apiKey')}
            {presetInfo.needsKey ? null : (
              <span className="settings-optional">{t('providerForm.optional')}</span>
            )}
          </>
        }
        error={shown('apiKey')}
        warning={keyWarning}
      >
        {(control) => (
          <input
            {...control}
            ref={keyInput}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={apiKey}
            placeholder={keyPlaceholder(provider?.key ?? null, presetInfo.needsKey, t)}
            onChange={(event) => {
              setApiKey(event.target.value)
              setKeyRemoved(false)
              edited()
            }}
            onBlur={blur('apiKey')}
          />
        )}
      </Field>
      <Field
        label={t('providerForm.concurrency')}
        hint={t('providerForm.concurrencyHint')}
        error={shown('maxConcurrent')}
      >
        {(control) => (
          <input
            {...control}
            inputMode="numeric"
            value={maxConcurrent}
            placeholder="4"
            maxLength={2}
            autoComplete="off"
            onChange={(event) => setMaxConcurrent(event.target.value)}
            onBlur={blur('maxConcurrent')}
          />
        )}
      </Field>
      <Field label={t('providerForm.headers')} hint={t('providerForm.headersHint')} error={shown('headers')}>
        {(control) => (
          <textarea
            {...control}
            value={headersText}
            rows={3}
            spellCheck={false}
            placeholder={HEADER_EXAMPLE}
            onChange={(event) => {
              setHeadersText(event.target.value)
              edited()
            }}
            onBlur={blur('headers')}
          />
        )}
      </Field>

      <div className="settings-actions">
        <button type="button" className="secondary" disabled={busy !== null} onClick={() => void runTest()}>
          {busy === 'test' ? t('providerForm.testing') : t('providerForm.test')}
        </button>
        <button type="submit" disabled={busy !== null}>
          {busy === 'save' ? t('form.saving') : t('providerForm.save')}
        </button>
        <button type="button" className="secondary" onClick={cancel}>
          {common('cancel')}
        </button>
        {hasStoredKey ? (
          <button
            type="button"
            className="secondary settings-push-right"
            disabled={busy !== null}
            onClick={() => void removeKey()}
          >
            {busy === 'remove-key' ? t('providerForm.removing') : t('providerForm.removeKey')}
          </button>
        ) : null}
      </div>

      {busy === 'test' ? (
        <p className="visually-hidden" role="status">
          {t('providerForm.testingStatus')}
        </p>
      ) : null}
      {test ? <ConnectionTestResult result={test} /> : null}
      {keyRemoved ? <Message kind="success">{t('providerForm.keyRemoved')}</Message> : null}
      {submitted && !valid ? <Message kind="error">{t('form.fixFields')}</Message> : null}
      {failure ? <Message kind="error">{errorText(failure.error)}</Message> : null}
    </form>
  )
}

/**
 * A saved key goes only to the server it was saved for: moving the base URL to another server (or
 * having moved it) means typing the key again. Another path on the same server keeps the key.
 */
function keyStaysBehind(provider: ProviderView | null, baseURL: string, t: SettingsT): string | null {
  if (!provider) return null
  const savedFor =
    provider.key.kind === 'saved-for-other-server'
      ? provider.key.savedFor
      : provider.key.kind === 'stored'
        ? originOf(provider.baseURL)
        : null
  const target = originOf(baseURL)
  if (!savedFor || !target || savedFor === target) return null
  return t('providerForm.keyStaysBehind', { savedFor, target })
}
