import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_MESSAGE_CHARS } from '../../../shared/limits'
import { CompareChooser } from '../compare/CompareChooser'
import { ContextMeter } from '../context/ContextMeter'
import { useContextPreview } from '../context/useContextPreview'
import { useFormat } from '../i18n/format'
import { loadDraft, saveDraft } from '../prefs/drafts'
import { selectIsAnswering, selectMustKeep, useChatStore } from '../store'
import { ChatSettingsPanel } from './ChatSettingsPanel'
import { ModelPicker } from './ModelPicker'

const COMPOSER_ID = 'composer-input'

/** Puts the cursor in the message box (after sending, stopping, starting a chat). */
export function focusComposer(): void {
  // After the update that may re-enable the box.
  requestAnimationFrame(() => document.getElementById(COMPOSER_ID)?.focus())
}

/** Drafts are written a moment after typing stops, and at once when the chat changes or the page goes. */
const DRAFT_SAVE_MS = 400

/** The text in the box, kept per chat across switching and reloads. */
function useDraft(chatId: string | null): [string, (text: string) => void] {
  const [text, setText] = useState(() => loadDraft(chatId))
  const pending = useRef<{ chatId: string | null; text: string } | null>(null)
  const shownFor = useRef(chatId)
  const flush = () => {
    const draft = pending.current
    pending.current = null
    if (draft) saveDraft(draft.chatId, draft.text)
  }
  if (shownFor.current !== chatId) {
    const startedHere = shownFor.current === null && chatId !== null && loadDraft(chatId) === ''
    flush()
    shownFor.current = chatId
    if (startedHere) {
      // Sending the first message made the chat: the text stays (until the send succeeds) and is its draft now.
      saveDraft(null, '')
      pending.current = { chatId, text }
    } else {
      // Another chat opened: the last one's draft is written, and this one's shown.
      setText(loadDraft(chatId))
    }
  }
  useEffect(() => {
    const timer = setTimeout(flush, DRAFT_SAVE_MS)
    return () => clearTimeout(timer)
  })
  // biome-ignore lint/correctness/useExhaustiveDependencies: flush reads refs only; added once, run on the way out
  useEffect(() => {
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [])
  const change = (next: string) => {
    pending.current = { chatId: shownFor.current, text: next }
    setText(next)
  }
  return [text, change]
}

export function Composer() {
  const { t } = useTranslation('chat')
  const format = useFormat()
  const chatId = useChatStore((state) => state.currentChatId)
  const [text, setText] = useDraft(chatId)
  const [showSettings, setShowSettings] = useState(false)
  const editLast = useChatStore((state) => state.editLast)
  const sending = useChatStore((state) => state.sending)
  const answering = useChatStore(selectIsAnswering)
  const send = useChatStore((state) => state.send)
  const mustKeep = useChatStore(selectMustKeep)
  const separate = useChatStore((state) => state.compare?.separate ?? false)
  const comparing = useChatStore((state) => state.compareSettings.targets.length >= 2)
  useContextPreview(chatId, text)
  const busy = sending || answering || mustKeep
  const tooLong = text.length > MAX_MESSAGE_CHARS

  const submit = async () => {
    if (busy || tooLong || text.trim().length === 0) return
    // The text stays in the box until the send succeeded: a failure loses nothing.
    if (await send(text)) setText('')
    focusComposer()
  }

  return (
    <div className="composer-area">
      <div className="composer-toolbar">
        {!comparing && <ModelPicker chatId={chatId} />}
        <CompareChooser />
        <button
          type="button"
          className="secondary"
          aria-expanded={showSettings}
          disabled={!chatId}
          onClick={() => setShowSettings(!showSettings)}
        >
          {t('composer.chatSettings')}
        </button>
      </div>
      {showSettings && chatId && <ChatSettingsPanel chatId={chatId} onClose={() => setShowSettings(false)} />}
      {mustKeep && (
        <p className="composer-hint" role="status">
          {t('composer.mustKeep')}
        </p>
      )}
      <form
        className="composer"
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <label htmlFor={COMPOSER_ID} className="visually-hidden">
          {t('composer.label')}
        </label>
        <textarea
          id={COMPOSER_ID}
          value={text}
          placeholder={
            mustKeep
              ? t('composer.placeholderKeep')
              : busy
                ? t('composer.placeholderWaiting')
                : separate
                  ? t('composer.placeholderColumns')
                  : t('composer.placeholder')
          }
          rows={1}
          // Read-only rather than disabled while sending: a disabled box loses the focus.
          readOnly={sending}
          aria-invalid={tooLong}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault()
              void submit()
            } else if (event.key === 'ArrowUp' && text.length === 0 && !busy && editLast()) {
              event.preventDefault()
            }
          }}
        />
        {tooLong && (
          <p className="field-error" role="alert">
            {t('composer.tooLong', {
              length: format.number(text.length),
              max: format.number(MAX_MESSAGE_CHARS),
            })}
          </p>
        )}
        <button type="submit" disabled={busy || tooLong || text.trim().length === 0}>
          {t('composer.send')}
        </button>
      </form>
      <ContextMeter chatId={chatId} />
    </div>
  )
}
