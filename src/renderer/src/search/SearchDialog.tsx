import { Fragment, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SearchHit, SearchResults } from '../../../shared/search'
import { api } from '../api'
import { focusComposer } from '../components/Composer'
import { Modal } from '../components/Modal'
import { useErrorText, wordingText } from '../i18n/error-text'
import { useFormat } from '../i18n/format'
import { useChatStore } from '../store'

/** Waits this long after a key before asking, so typing a word asks once, not per letter. */
const TYPING_MS = 60

/** The filters' syntax (read by the main process), the same in every language. */
const FILTERS = ['model:', 'role:user', 'in:title', 'before:2025-01-31', 'after:2025-01-01'] as const

/**
 * Ctrl/Cmd+K: every message (all branches) and chat title, as you type. The search runs in the main
 * process on its reads worker; filters (model:, in:title, before:, after:, role:) are read there too.
 */
export function SearchDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation(['search', 'chat'])
  const f = useFormat()
  const errorText = useErrorText()
  const openChat = useChatStore((state) => state.openChat)
  const openMessage = useChatStore((state) => state.openMessage)
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<SearchResults | null>(null)
  // The error itself, worded at render time: in the language shown even after a switch.
  const [problem, setProblem] = useState<{ error: unknown } | null>(null)
  const [active, setActive] = useState(0)
  const listId = useId()

  useEffect(() => {
    if (query.trim() === '') {
      setResults(null)
      setProblem(null)
      return
    }
    let current = true
    const timer = setTimeout(() => {
      api.search({ query }).then(
        (found) => {
          if (!current) return
          setResults(found)
          setProblem(null)
          setActive(0)
        },
        (error: unknown) => {
          if (current) setProblem({ error })
        },
      )
    }, TYPING_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [query])

  const hits = results?.hits ?? []
  const chosen = hits[Math.min(active, hits.length - 1)]
  const keyOf = (hit: SearchHit) => hit.messageId ?? `chat-${hit.chatId}`

  const go = (hit: SearchHit) => {
    onClose()
    if (hit.messageId) void openMessage(hit.messageId)
    else void openChat(hit.chatId).then(focusComposer)
  }

  return (
    <Modal title={t('dialog.title')} className="search-dialog" onClose={onClose}>
      <input
        type="text"
        role="combobox"
        aria-label={t('dialog.label')}
        aria-expanded={hits.length > 0}
        aria-controls={listId}
        aria-activedescendant={chosen ? `${listId}-${keyOf(chosen)}` : undefined}
        aria-describedby={`${listId}-help`}
        placeholder={t('dialog.placeholder')}
        // biome-ignore lint/a11y/noAutofocus: the person opened this to type
        autoFocus
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && hits.length > 0) {
            event.preventDefault()
            const step = event.key === 'ArrowDown' ? 1 : -1
            setActive((Math.max(0, Math.min(active, hits.length - 1)) + step + hits.length) % hits.length)
          } else if (event.key === 'Enter' && chosen) {
            event.preventDefault()
            go(chosen)
          }
        }}
      />
      <p id={`${listId}-help`} className="search-help">
        {t('dialog.filters')}
        {FILTERS.map((filter) => (
          <Fragment key={filter}>
            {' '}
            <code>{filter}</code>
          </Fragment>
        ))}
      </p>
      {problem && <p role="alert">{errorText(problem.error)}</p>}
      {results?.notes.map((note) => {
        const words = wordingText(note, i18n.language)
        return (
          <p key={words} className="search-note">
            {words}
          </p>
        )
      })}
      {results && hits.length === 0 && <p className="search-empty">{t('dialog.nothing')}</p>}
      <div id={listId} role="listbox" aria-label={t('dialog.results')} className="search-results">
        {hits.map((hit) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the input above handles the keys for the list
          <div
            key={keyOf(hit)}
            id={`${listId}-${keyOf(hit)}`}
            role="option"
            tabIndex={-1}
            aria-selected={hit === chosen}
            onClick={() => go(hit)}
            ref={(element) => {
              if (hit === chosen) element?.scrollIntoView({ block: 'nearest' })
            }}
          >
            <div className="search-hit-head">
              <bdi className="search-hit-title">{hit.chatTitle || t('chat:app.newChat')}</bdi>
              <span className="search-hit-meta">
                {hit.kind === 'title'
                  ? t('dialog.chatTitle')
                  : hit.role === 'user'
                    ? t('dialog.you')
                    : (hit.model ?? t('dialog.assistant'))}
                {' · '}
                <time dateTime={new Date(hit.at).toISOString()}>{f.date(hit.at)}</time>
              </span>
            </div>
            {hit.kind === 'message' && (
              <bdi className="search-hit-snippet">
                {hit.snippet.map((part, index) =>
                  // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one snippet never reorder
                  part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
                )}
              </bdi>
            )}
          </div>
        ))}
      </div>
    </Modal>
  )
}
