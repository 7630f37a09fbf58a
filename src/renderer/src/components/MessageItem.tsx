import { memo } from 'react'
import type { ChatMessage } from '../../../shared/types'
import { useChatStore } from '../store'
import { AnswerStatus } from './AnswerStatus'
import { CONTINUE_PROMPT, describeEnding } from './ending'
import { JsonTools } from './JsonTools'
import { Markdown } from './Markdown'

const STATUS_LABEL: Partial<Record<ChatMessage['status'], string>> = {
  stopped: 'Stopped',
  interrupted: 'Interrupted',
  error: 'Failed',
}

/** One message; subscribes to itself only, so a streaming answer does not re-render the rest. */
export const MessageItem = memo(function MessageItem({ id }: { id: string }) {
  const message = useChatStore((state) => state.messages[id])
  const stop = useChatStore((state) => state.stop)
  const regenerate = useChatStore((state) => state.regenerate)
  const tryNow = useChatStore((state) => state.tryModelNow)
  const send = useChatStore((state) => state.send)
  const sending = useChatStore((state) => state.sending)
  if (!message) return null

  const streaming = message.status === 'streaming'
  const ending = describeEnding(message.finishReason)
  const label = STATUS_LABEL[message.status]
  const author = message.role === 'user' ? 'You' : (message.model ?? 'Assistant')
  return (
    <article className={`message message-${message.role} status-${message.status}`}>
      <header className="message-author">
        {author}
        {streaming && <span className="badge badge-live">Answering…</span>}
        {label && <span className={`badge badge-${message.status}`}>{label}</span>}
      </header>
      {message.thinking.length > 0 && (
        <details className="thinking">
          <summary>{streaming && message.content.length === 0 ? 'Thinking…' : 'Thinking'}</summary>
          <div className="thinking-text">{message.thinking}</div>
        </details>
      )}
      {message.role === 'user' ? (
        <div className="message-text">{message.content}</div>
      ) : (
        message.content.length > 0 && (
          <Markdown text={message.content} streaming={streaming} incomplete={message.status !== 'complete'} />
        )
      )}
      {streaming &&
        message.content.length === 0 &&
        message.thinking.length === 0 &&
        (message.progress ? (
          <AnswerStatus progress={message.progress} />
        ) : (
          <p className="waiting">Waiting for the first words…</p>
        ))}
      {message.role === 'assistant' && message.status === 'complete' && message.content.length > 0 ? (
        <JsonTools text={message.content} />
      ) : null}
      {message.role === 'assistant' && message.status === 'complete' && ending ? (
        <div className="message-ending">
          <p className="message-ending-text">{ending.text}</p>
          {ending.canContinue ? (
            <button
              type="button"
              className="secondary"
              disabled={sending}
              onClick={() => void send(CONTINUE_PROMPT)}
            >
              Continue
            </button>
          ) : null}
        </div>
      ) : null}
      {message.error && (
        <p className="message-error" role="alert">
          {message.error}
        </p>
      )}
      {streaming && (
        <button type="button" className="secondary" onClick={() => void stop(message.id)}>
          {/* Nothing has arrived yet: the request is called off, not an answer cut short. */}
          {message.content.length === 0 && message.thinking.length === 0 ? 'Cancel' : 'Stop'}
        </button>
      )}
      {message.role === 'assistant' && !streaming && message.status !== 'complete' && (
        <div className="message-actions">
          {message.errorKind === 'paused' && message.provider && message.model ? (
            <button
              type="button"
              disabled={sending}
              onClick={() => void tryNow(message.id, message.provider as string, message.model as string)}
            >
              Try now
            </button>
          ) : null}
          <button
            type="button"
            className="secondary"
            disabled={sending}
            onClick={() => void regenerate(message.id)}
          >
            Retry
          </button>
        </div>
      )}
    </article>
  )
})
