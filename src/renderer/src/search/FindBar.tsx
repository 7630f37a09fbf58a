import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FoundInChat } from '../../../shared/search'
import { api } from '../api'
import { focusComposer } from '../components/Composer'
import { useErrorText } from '../i18n/error-text'
import { useFormat } from '../i18n/format'
import { useChatStore } from '../store'
import { FindHighlighter, findTerms, highlightsSupported } from './find-highlight'

const TYPING_MS = 60

/**
 * Ctrl/Cmd+F: finds text in every message the open chat shows (all of it, not only what is drawn),
 * asking the main process. Enter goes to the next message that holds it, Shift+Enter to the previous.
 * The words are marked in the messages in the page; the one Enter went to, more strongly. "n of m"
 * counts messages, as the main process does: it cannot count the words of messages not drawn.
 */
export function FindBar({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('search')
  const f = useFormat()
  const errorText = useErrorText()
  const chatId = useChatStore((state) => state.currentChatId)
  const focusMessage = useChatStore((state) => state.focusMessage)
  // Asked again when the chat changes what it shows (an answer ends, another branch is shown).
  const shown = useChatStore((state) => `${state.messageIds.length} ${state.lastEnded?.count ?? 0}`)
  const [query, setQuery] = useState('')
  // With the query it answers: the marks are of what was counted, not of what is being typed.
  const [found, setFound] = useState<(FoundInChat & { query: string }) | null>(null)
  const [at, setAt] = useState(-1)
  // The error itself, worded at render time: in the language shown even after a switch.
  const [problem, setProblem] = useState<{ error: unknown } | null>(null)

  useEffect(() => {
    void shown
    if (!chatId || query.trim() === '') {
      setFound(null)
      setAt(-1)
      return
    }
    let current = true
    const timer = setTimeout(() => {
      api.findInChat({ chatId, query }).then(
        (result) => {
          if (!current) return
          setFound({ ...result, query })
          setProblem(null)
          setAt(-1)
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
  }, [chatId, query, shown])

  const bar = useRef<HTMLDivElement>(null)
  const highlighter = useRef<FindHighlighter | null>(null)
  useEffect(() => {
    // The bar sits in the chat's column beside the conversation: the messages to mark are under it.
    const scope = bar.current?.parentElement
    if (!scope || !highlightsSupported()) return
    const marks = new FindHighlighter(scope)
    highlighter.current = marks
    return () => {
      marks.dispose()
      highlighter.current = null
    }
  }, [])
  const terms = useMemo(() => (found ? findTerms(found.query) : []), [found])
  const foundIds = useMemo(() => new Set(found?.messageIds), [found])
  const currentId = (at >= 0 && found?.messageIds[at]) || null
  useEffect(() => {
    highlighter.current?.set({ terms, messageIds: foundIds, currentId })
  }, [terms, foundIds, currentId])

  const count = found?.messageIds.length ?? 0
  const goTo = (step: 1 | -1) => {
    if (!found || count === 0) return
    const next = at < 0 ? (step === 1 ? 0 : count - 1) : (at + step + count) % count
    const id = found.messageIds[next] ?? null
    setAt(next)
    focusMessage(id)
    if (id) highlighter.current?.revealWhenShown(id)
  }
  const close = () => {
    onClose()
    focusComposer()
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: a search landmark for the chat, not a form that submits
    <div ref={bar} className="find-bar" role="search" aria-label={t('find.label')}>
      <input
        type="search"
        aria-label={t('find.label')}
        placeholder={t('find.placeholder')}
        // biome-ignore lint/a11y/noAutofocus: the person pressed Ctrl/Cmd+F to type
        autoFocus
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault()
            goTo(event.shiftKey ? -1 : 1)
          } else if (event.key === 'Escape') {
            event.preventDefault()
            close()
          }
        }}
      />
      <output className="find-count" aria-live="polite">
        {found === null
          ? ''
          : count === 0
            ? t('find.noMatches')
            : t('find.position', { at: f.number(at < 0 ? 0 : at + 1), total: f.number(count) })}
        {found && found.elsewhere > 0 && t('find.elsewhere', { value: f.number(found.elsewhere) })}
      </output>
      {problem && <span role="alert">{errorText(problem.error)}</span>}
      <button type="button" onClick={() => goTo(-1)} disabled={count === 0} aria-label={t('find.previous')}>
        ↑
      </button>
      <button type="button" onClick={() => goTo(1)} disabled={count === 0} aria-label={t('find.next')}>
        ↓
      </button>
      <button type="button" onClick={close} aria-label={t('find.close')}>
        ×
      </button>
    </div>
  )
}
