import { useState } from 'react'
import { MAX_MESSAGE_CHARS } from '../../../shared/contract'
import { CompareChooser } from '../compare/CompareChooser'
import { selectIsAnswering, selectMustKeep, useChatStore } from '../store'
import { ChatSettingsPanel } from './ChatSettingsPanel'
import { ModelPicker } from './ModelPicker'

const COMPOSER_ID = 'composer-input'

/** Puts the cursor in the message box (after sending, stopping, starting a chat). */
export function focusComposer(): void {
  // After the update that may re-enable the box.
  requestAnimationFrame(() => document.getElementById(COMPOSER_ID)?.focus())
}

export function Composer() {
  const [text, setText] = useState('')
  const [showSettings, setShowSettings] = useState(false)
  const chatId = useChatStore((state) => state.currentChatId)
  const sending = useChatStore((state) => state.sending)
  const answering = useChatStore(selectIsAnswering)
  const send = useChatStore((state) => state.send)
  const mustKeep = useChatStore(selectMustKeep)
  const separate = useChatStore((state) => state.compare?.separate ?? false)
  const comparing = useChatStore((state) => state.compareSettings.targets.length >= 2)
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
          Chat settings
        </button>
      </div>
      {showSettings && chatId && <ChatSettingsPanel chatId={chatId} onClose={() => setShowSettings(false)} />}
      {mustKeep && (
        <p className="composer-hint" role="status">
          Keep one of the answers above, or choose Continue separately, to go on.
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
          Message
        </label>
        <textarea
          id={COMPOSER_ID}
          value={text}
          placeholder={
            mustKeep
              ? 'Keep an answer to go on'
              : busy
                ? 'Waiting for the answer…'
                : separate
                  ? 'Message every column (Enter to send)'
                  : 'Message (Enter to send, Shift+Enter for a new line)'
          }
          rows={3}
          // Read-only rather than disabled while sending: a disabled box loses the focus.
          readOnly={sending}
          aria-invalid={tooLong}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault()
              void submit()
            }
          }}
        />
        {tooLong && (
          <p className="field-error" role="alert">
            {text.length.toLocaleString()} characters: the most Roundtable sends at once is{' '}
            {MAX_MESSAGE_CHARS.toLocaleString()}.
          </p>
        )}
        <button type="submit" disabled={busy || tooLong || text.trim().length === 0}>
          Send
        </button>
      </form>
    </div>
  )
}
