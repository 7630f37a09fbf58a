// What a message says: its reasoning, its text, what it waits for, how it ended, and its error. Shared
// by the conversation and the columns of a side-by-side turn.
import { useTranslation } from 'react-i18next'
import type { ChatMessage } from '../../../shared/types'
import { useChatStore } from '../store'
import { AnswerStatus } from './AnswerStatus'
import { describeEnding } from './ending'
import { JsonTools } from './JsonTools'
import { useMarkdown } from './markdown-module'
import { answerErrorText } from './words'

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
  const { t, i18n } = useTranslation('chat')
  const send = useChatStore((state) => state.send)
  const sending = useChatStore((state) => state.sending)
  const streaming = message.status === 'streaming'
  const ending = describeEnding(message.finishReason, t)
  const complete = message.role === 'assistant' && message.status === 'complete'
  const Markdown = useMarkdown()
  return (
    <>
      {message.thinking.length > 0 && (
        <details className="thinking">
          <summary>
            {streaming && message.content.length === 0 ? t('message.thinkingNow') : t('message.thinking')}
          </summary>
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
          <p className="waiting">{t('message.waiting')}</p>
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
              onClick={() => void send(t('message.continuePrompt'))}
            >
              {t('message.continue')}
            </button>
          ) : null}
        </div>
      ) : null}
      {message.error && (
        <p className="message-error" role="alert">
          {/* Provider errors name the provider and its address: not while the comparison is blind. */}
          {anonymous ? t('message.blindError') : answerErrorText(message, i18n.language)}
        </p>
      )}
    </>
  )
}
