import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProviderView } from '../../../shared/providers'
import { api } from '../api'
import { wordingText } from '../i18n/error-text'
import { DeleteProviderConfirm } from './DeleteProviderConfirm'
import { describeKey, presetLabel } from './format'
import { Message } from './Message'
import { useProvidersStore } from './providers-store'
import { useTask } from './useTask'

interface Props {
  provider: ProviderView
  onEdit: () => void
  onDeleted: () => void
}

/** One provider in the list: what it is, where its key is, on or off, and the way to edit or delete it. */
export function ProviderRow({ provider, onEdit, onDeleted }: Props) {
  const { t, i18n } = useTranslation('settings')
  const put = useProvidersStore((state) => state.put)
  const remove = useProvidersStore((state) => state.remove)
  const load = useProvidersStore((state) => state.load)
  const [confirming, setConfirming] = useState(false)
  const toggle = useTask()
  const removal = useTask()
  const deleteButton = useRef<HTMLButtonElement>(null)
  const nameId = useId()
  const fromEnvironment = provider.origin === 'environment'

  const setEnabled = async (enabled: boolean) => {
    const result = await toggle.run(() => api.updateProvider({ providerId: provider.id, enabled }))
    if (result.ok) put(result.value)
  }

  const confirmDelete = async () => {
    const result = await removal.run(() => api.deleteProvider({ providerId: provider.id }))
    if (!result.ok) return
    remove(provider.id)
    onDeleted()
    // The default provider may have been this one: the main process cleared it; fetch the settings again.
    load().catch(() => undefined)
  }

  const cancelDelete = () => {
    setConfirming(false)
    removal.clearError()
    // The button is back after this render.
    requestAnimationFrame(() => deleteButton.current?.focus())
  }

  return (
    <li className={`settings-provider${provider.enabled ? '' : ' disabled'}`}>
      <div className="settings-provider-head">
        <div className="settings-provider-what">
          <span id={nameId} className="settings-provider-name" title={provider.name}>
            {provider.name}
          </span>
          <span className="settings-provider-preset">{presetLabel(provider.preset)}</span>
        </div>
        <label className="settings-check">
          <input
            type="checkbox"
            checked={provider.enabled}
            disabled={fromEnvironment || toggle.busy}
            aria-describedby={nameId}
            onChange={(event) => void setEnabled(event.target.checked)}
          />
          {t('providers.enabled')}
        </label>
        {!fromEnvironment && !confirming ? (
          <div className="settings-actions">
            <button
              type="button"
              className="secondary"
              aria-label={t('providers.editNamed', { name: provider.name })}
              data-focus-key={`edit-provider:${provider.id}`}
              onClick={onEdit}
            >
              {t('providers.edit')}
            </button>
            <button
              ref={deleteButton}
              type="button"
              className="secondary"
              aria-label={t('providers.deleteNamed', { name: provider.name })}
              onClick={() => setConfirming(true)}
            >
              {t('providers.delete')}
            </button>
          </div>
        ) : null}
      </div>
      <p className="settings-provider-detail" title={provider.baseURL}>
        {provider.baseURL}
      </p>
      <p className="settings-provider-detail">
        {describeKey(provider.key, t)}
        {fromEnvironment ? <span className="settings-tag">{t('providers.fromEnvironment')}</span> : null}
      </p>
      {provider.warnings.map((warning) => (
        <p key={warning.code} className="notice notice-warning settings-provider-warning">
          {wordingText(warning, i18n.language)}
        </p>
      ))}
      {toggle.error ? <Message kind="error">{toggle.error}</Message> : null}
      {confirming ? (
        <DeleteProviderConfirm
          name={provider.name}
          busy={removal.busy}
          error={removal.error}
          onConfirm={() => void confirmDelete()}
          onCancel={cancelDelete}
        />
      ) : null}
    </li>
  )
}
