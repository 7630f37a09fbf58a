import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConnectionTest, ModelInfo, ProviderView } from '../../../shared/providers'
import { api } from '../api'
import { wordingText } from '../i18n/error-text'
import { useFormat } from '../i18n/format'
import { describeFetched } from './format'
import { Message } from './Message'
import { ModelForm } from './ModelForm'
import { ModelTable } from './ModelTable'
import { useProvidersStore } from './providers-store'
import { useFocusLater } from './useFocusLater'
import { useTask } from './useTask'

/** The model form is open for a new model (null) or for one to change. */
type Editing = { model: ModelInfo | null } | null

const CLOCK_TICK_MS = 30_000

/** A saved provider's models: when they were fetched, fetching them again, and entering them by hand. */
export function ModelsPanel({ provider }: { provider: ProviderView }) {
  const { t, i18n } = useTranslation('settings')
  const format = useFormat()
  const put = useProvidersStore((state) => state.put)
  const load = useProvidersStore((state) => state.load)
  const [now, setNow] = useState(() => Date.now())
  const [editing, setEditing] = useState<Editing>(null)
  const [refreshed, setRefreshed] = useState<ConnectionTest | null>(null)
  const [removingId, setRemovingId] = useState<string | null>(null)
  const refresh = useTask()
  const removal = useTask()
  const container = useRef<HTMLDivElement>(null)
  const focusLater = useFocusLater(container)
  const headingId = useId()

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS)
    return () => clearInterval(timer)
  }, [])

  const refreshModels = async () => {
    setRefreshed(null)
    const result = await refresh.run(async () => {
      const test = await api.testConnection({
        providerId: provider.id,
        draft: {
          preset: provider.preset,
          name: provider.name,
          baseURL: provider.baseURL,
          headers: provider.headers,
          azure: provider.azure,
        },
      })
      if (test.ok) await load()
      return test
    })
    if (result.ok) {
      setRefreshed(result.value)
      setNow(Date.now())
    }
  }

  const removeModel = async (model: ModelInfo) => {
    setRemovingId(model.id)
    const result = await removal.run(() => api.deleteModel({ providerId: provider.id, modelId: model.id }))
    setRemovingId(null)
    if (result.ok) {
      put(result.value)
      focusLater('add-model')
    }
  }

  const closeForm = (savedId?: string) => {
    const editedId = editing?.model?.id
    setEditing(null)
    focusLater(
      ...[savedId, editedId].filter((id) => id !== undefined).map((id) => `edit-model:${id}`),
      'add-model',
    )
  }

  return (
    <section className="settings-models" aria-labelledby={headingId} ref={container}>
      <div className="settings-models-head">
        <h5 id={headingId}>{t('models.title')}</h5>
        <span className="settings-hint">
          {describeFetched(provider.modelsFetchedAt, now, t, format.language)}
        </span>
        <button
          type="button"
          className="secondary settings-push-right"
          disabled={refresh.busy}
          onClick={() => void refreshModels()}
        >
          {refresh.busy ? t('models.refreshing') : t('models.refresh')}
        </button>
      </div>
      {refresh.error ? (
        <Message kind="error">{t('models.refreshFailed', { error: refresh.error })}</Message>
      ) : null}
      {refreshed?.ok === false ? (
        <Message kind="error">
          {t('models.refreshFailed', {
            error: refreshed.wording ? wordingText(refreshed.wording, i18n.language) : refreshed.message,
          })}
        </Message>
      ) : null}
      {refreshed?.ok ? (
        <Message kind="success">
          {t('models.serverLists', {
            count: refreshed.models.length,
            n: format.number(refreshed.models.length),
          })}
        </Message>
      ) : null}
      {removal.error ? <Message kind="error">{removal.error}</Message> : null}

      {provider.models.length === 0 ? (
        <p className="settings-empty">{t('models.empty')}</p>
      ) : (
        <ModelTable
          models={provider.models}
          labelledBy={headingId}
          removingId={removingId}
          onEdit={(model) => setEditing({ model })}
          onRemove={(model) => void removeModel(model)}
        />
      )}

      {editing ? (
        <ModelForm
          providerId={provider.id}
          model={editing.model}
          takenIds={provider.models.map((model) => model.id)}
          onClose={closeForm}
        />
      ) : (
        <button
          type="button"
          className="secondary"
          data-focus-key="add-model"
          onClick={() => setEditing({ model: null })}
        >
          {t('models.add')}
        </button>
      )}
    </section>
  )
}
