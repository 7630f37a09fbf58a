// The first thing a new person sees: what Roundtable needs (a provider), the way to add one, and a
// one-click add for Ollama or LM Studio when one answers on this computer. Shown in place of the
// empty chat while there is no provider at all.
import { Laptop, Plus } from 'lucide-react'
import { useCallback, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LocalServer } from '../../../shared/providers'
import { api } from '../api'
import { useErrorText } from '../i18n/error-text'
import { useProvidersStore } from '../settings/providers-store'
import { useChatStore } from '../store'
import { focusComposer } from './Composer'
import './welcome.css'

/**
 * Whether the welcome stands in for the chat: no provider at all, and nothing in the open chat that
 * it would hide (chats kept after every provider was removed are still shown).
 */
export function useWelcome(): boolean {
  const noProviders = useProvidersStore((state) => state.loaded && state.providers.length === 0)
  const emptyChat = useChatStore(
    (state) => state.view === 'chat' && state.messageIds.length === 0 && state.compare === null,
  )
  return noProviders && emptyChat
}

type Look =
  | { kind: 'looking' }
  | { kind: 'done'; servers: LocalServer[] }
  | { kind: 'failed'; error: unknown }

export function Welcome({ onAddProvider }: { onAddProvider: () => void }) {
  const { t } = useTranslation('chat')
  const headingId = useId()
  const [look, setLook] = useState<Look>({ kind: 'looking' })

  const lookAgain = useCallback(() => {
    setLook({ kind: 'looking' })
    let current = true
    api
      .detectLocalProviders()
      .then((servers) => current && setLook({ kind: 'done', servers }))
      .catch((error: unknown) => current && setLook({ kind: 'failed', error }))
    return () => {
      current = false
    }
  }, [])
  useEffect(lookAgain, [lookAgain])

  return (
    <section className="welcome" aria-labelledby={headingId}>
      <div className="welcome-card">
        <h2 id={headingId}>{t('welcome.title')}</h2>
        <p>{t('welcome.intro')}</p>
        <div className="welcome-actions">
          <button type="button" onClick={onAddProvider}>
            <Plus size={16} aria-hidden="true" />
            {t('welcome.addProvider')}
          </button>
        </div>
        <LocalServers look={look} onLookAgain={lookAgain} />
      </div>
    </section>
  )
}

function LocalServers({ look, onLookAgain }: { look: Look; onLookAgain: () => void }) {
  const { t } = useTranslation('chat')
  const errorText = useErrorText()
  if (look.kind === 'looking') {
    return (
      <p className="welcome-quiet" role="status">
        {t('welcome.looking')}
      </p>
    )
  }
  if (look.kind === 'failed') {
    return (
      <p className="welcome-quiet" role="status">
        {t('welcome.lookFailed', { error: errorText(look.error) })}{' '}
        <button type="button" className="welcome-link" onClick={onLookAgain}>
          {t('welcome.lookAgain')}
        </button>
      </p>
    )
  }
  if (look.servers.length === 0) {
    return (
      <p className="welcome-quiet">
        {t('welcome.noneFound')}{' '}
        <button type="button" className="welcome-link" onClick={onLookAgain}>
          {t('welcome.lookAgain')}
        </button>
      </p>
    )
  }
  return (
    <ul className="welcome-local" aria-label={t('welcome.found')}>
      {look.servers.map((server) => (
        <LocalServerRow key={server.kind} server={server} />
      ))}
    </ul>
  )
}

/** One click: added through the same path as Settings' form, its models fetched, the chat ready. */
function LocalServerRow({ server }: { server: LocalServer }) {
  const { t } = useTranslation('chat')
  const errorText = useErrorText()
  const load = useProvidersStore((state) => state.load)
  const put = useProvidersStore((state) => state.put)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<{ error: unknown } | null>(null)
  const detailId = useId()

  const add = async () => {
    setBusy(true)
    setFailure(null)
    const draft = {
      preset: server.preset,
      name: server.name,
      baseURL: server.baseURL,
      headers: {},
      azure: null,
    }
    try {
      const view = await api.addProvider(draft)
      // The model list is fetched now, so the picker holds it when the welcome goes. A server that
      // stopped meanwhile leaves the provider added, with its models fetched on the first message.
      await api.testConnection({ providerId: view.id, draft }).catch(() => null)
      await load().catch(() => put(view))
      focusComposer()
    } catch (error) {
      setFailure({ error })
      setBusy(false)
    }
  }

  return (
    <li className="welcome-server">
      <Laptop size={18} aria-hidden="true" className="welcome-server-icon" />
      <span className="welcome-server-text">
        <strong>{server.name}</strong>
        <span id={detailId} className="welcome-muted">
          {t('welcome.foundDetail', {
            models:
              server.models === 0 ? t('welcome.noModels') : t('welcome.models', { count: server.models }),
          })}
        </span>
      </span>
      <button type="button" aria-describedby={detailId} disabled={busy} onClick={() => void add()}>
        {busy ? t('welcome.adding', { name: server.name }) : t('welcome.add', { name: server.name })}
      </button>
      {failure && (
        <p className="welcome-error" role="alert">
          {t('welcome.addFailed', { name: server.name, error: errorText(failure.error) })}
        </p>
      )}
    </li>
  )
}
