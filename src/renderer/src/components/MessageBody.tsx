// What a message says: its reasoning, its text, what it waits for, how it ended, and its error. Shared
// by the conversation and the columns of a side-by-side turn.
import type { ChatMessage } from '../../../shared/types'
import { useChatStore } from '../store'
import { AnswerStatus } from './AnswerStatus'
import { CONTINUE_PROMPT, describeEnding } from './ending'
import { JsonTools } from './JsonTools'
import { useMarkdown } from './markdown-module'

export function MessageBody({
  message,
  canContinue = true,
  anonymous = false,
}: {
  message: ChatMessage
  canContinue?: boolean
  /** A blind comparison: nothing shown names the provider. */
  anonymous?: boolean
}) {
  const send = useChatStore((state) => state.send)
  const sending = useChatStore((state) => state.sending)
  const streaming = message.status === 'streaming'
  const ending = describeEnding(message.finishReason)
  const complete = message.role === 'assistant' && message.status === 'complete'
  const Markdown = useMarkdown()
  return (
    <>
      {message.thinking.length > 0 && (
        <details className="thinking">
          <summary>{streaming && message.content.length === 0 ? 'Thinking…' : 'Thinking'}</summary>
          <div className="thinking-text">{message.thinking}</div>
        </details>
      )}
      {message.role === 'user' ? (
        <div className="message-text">{message.content}</div>
      ) : (
        message.content.length > 0 &&
        (Markdown ? (
          <Markdown text={message.content} streaming={streaming} incomplete={message.status !== 'complete'} />
        ) : (
          // Until the formatter has loaded: the text as written, where the Markdown will be.
          <div className="markdown-plain">{message.content}</div>
        ))
      )}
      {streaming &&
        message.content.length === 0 &&
        message.thinking.length === 0 &&
        (message.progress ? (
          <AnswerStatus progress={message.progress} anonymous={anonymous} />
        ) : (
          <p className="waiting">Waiting for the first words…</p>
        ))}
      {complete && message.content.length > 0 ? <JsonTools text={message.content} /> : null}
      {complete && ending ? (
        <div className="message-ending">
          <p className="message-ending-text">{ending.text}</p>
          {ending.canContinue && canContinue ? (
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
          {/* Provider errors name the provider and its address: not while the comparison is blind. */}
          {anonymous ? 'This answer failed. What went wrong shows once names do.' : message.error}
        </p>
      )}
    </>
  )
}
