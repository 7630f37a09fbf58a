import { Pencil, RefreshCw, RotateCcw, Trash2 } from 'lucide-react'
import { memo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChatMessage } from '../../../shared/types'
import { labelOf } from '../compare/model-label'
import { useProvidersStore } from '../settings/providers-store'
import { useChatStore } from '../store'
import { AnswerFacts } from './AnswerFacts'
import { focusComposer } from './Composer'
import { CopyButton } from './CopyButton'
import { IconButton } from './IconButton'
import { MessageBody } from './MessageBody'
import { SiblingNav } from './SiblingNav'
import { VoteButtons } from './VoteButtons'

const STATUS_LABEL = {
  stopped: 'message.stopped',
  interrupted: 'message.interrupted',
  error: 'message.failed',
} as const satisfies Partial<Record<ChatMessage['status'], string>>

/** One message; subscribes to itself only, so a streaming answer does not re-render the rest. */
export const MessageItem = memo(function MessageItem({ id }: { id: string }) {
  const { t } = useTranslation('chat')
  const message = useChatStore((state) => state.messages[id])
  const siblings = useChatStore((state) => state.siblings[id])
  const providers = useProvidersStore((state) => state.providers)
  const editing = useChatStore((state) => state.editingId === id)
  const setEditing = useChatStore((state) => state.setEditing)
  const found = useChatStore((state) => state.focusMessageId === id)
  // An earlier message of a long chat, still being read (the list asks for it as it comes near).
  if (!message) return <div className="message-unread" aria-busy="true" data-unread-message-id={id} />

  const streaming = message.status === 'streaming'
  const status = message.status
  const label = status in STATUS_LABEL ? t(STATUS_LABEL[status as keyof typeof STATUS_LABEL]) : null
  const author =
    message.role === 'user' ? t('message.you') : labelOf(providers, message.provider, message.model).model
  return (
    <article
      className={`message message-${message.role} status-${message.status}${found ? ' message-found' : ''}`}
      aria-label={author}
      data-message-id={message.id}
    >
      <header className="message-author">
        {message.role === 'assistant' ? <span className="model-badge">{author}</span> : author}
        {streaming && <span className="badge badge-live">{t('message.answering')}</span>}
        {label && <span className={`badge badge-${message.status}`}>{label}</span>}
        {message.mergedFrom && <span className="badge">{t('message.merged')}</span>}
        {message.cached && (
          <span className="badge badge-cached" title={t('message.cachedHint')}>
            {t('message.cached')}
          </span>
        )}
        {siblings && <SiblingNav info={siblings} kind={message.role === 'user' ? 'version' : 'answer'} />}
      </header>
      {editing ? (
        <EditQuestion
          message={message}
          onDone={() => {
            setEditing(null)
            focusComposer()
          }}
        />
      ) : (
        <MessageBody message={message} />
      )}
      <AnswerFacts message={message} />
      {!editing && (
        <Actions message={message} hasSiblings={siblings !== undefined} onEdit={() => setEditing(id)} />
      )}
    </article>
  )
})

function Actions({
  message,
  hasSiblings,
  onEdit,
}: {
  message: ChatMessage
  hasSiblings: boolean
  onEdit: () => void
}) {
  const { t } = useTranslation(['chat', 'common'])
  const stop = useChatStore((state) => state.stop)
  const regenerate = useChatStore((state) => state.regenerate)
  const tryNow = useChatStore((state) => state.tryModelNow)
  const keep = useChatStore((state) => state.keep)
  const compareAnswers = useChatStore((state) => state.compareAnswers)
  const deleteMessage = useChatStore((state) => state.deleteMessage)
  const sending = useChatStore((state) => state.sending)
  const streaming = message.status === 'streaming'

  if (streaming) {
    return (
      <div className="message-actions">
        <button
          type="button"
          className="secondary"
          onClick={() => {
            void stop(message.id)
            // The button goes away with the answer's end: the message box takes the focus.
            focusComposer()
          }}
        >
          {/* Nothing has arrived yet: the request is called off, not an answer cut short. */}
          {message.content.length === 0 && message.thinking.length === 0
            ? t('common:cancel')
            : t('message.stop')}
        </button>
      </div>
    )
  }
  if (message.role === 'user') {
    return (
      <div className="message-actions quiet">
        <CopyButton text={message.content} />
        <IconButton label={t('common:edit')} disabled={sending} onClick={onEdit}>
          <Pencil size={16} />
        </IconButton>
        <IconButton
          label={t('common:delete')}
          title={t('message.deleteQuestionHint')}
          onClick={() => void deleteMessage(message.id)}
        >
          <Trash2 size={16} />
        </IconButton>
      </div>
    )
  }
  return (
    <div className={`message-actions${message.status === 'complete' ? ' quiet' : ''}`}>
      {message.errorKind === 'paused' && message.provider && message.model ? (
        <button
          type="button"
          disabled={sending}
          onClick={() => void tryNow(message.id, message.provider as string, message.model as string)}
        >
          {t('message.tryNow')}
        </button>
      ) : null}
      {message.content.length > 0 && <CopyButton text={message.content} />}
      {/* A failed or cut-off answer is tried again (in words: it is what the person looks for); a finished one is asked for anew. */}
      {message.status === 'complete' ? (
        <IconButton
          label={t('message.regenerate')}
          disabled={sending}
          onClick={() => void regenerate(message.id)}
        >
          <RefreshCw size={16} />
        </IconButton>
      ) : (
        <button
          type="button"
          className="secondary with-icon"
          disabled={sending}
          onClick={() => void regenerate(message.id)}
        >
          <RotateCcw size={15} aria-hidden="true" />
          {t('common:retry')}
        </button>
      )}
      {message.status === 'complete' && message.content.length > 0 && !message.mergedFrom ? (
        <VoteButtons message={message} />
      ) : null}
      {hasSiblings && !message.preferred && message.parentId ? (
        <button type="button" className="secondary" onClick={() => void keep(message.id)}>
          {t('message.keep')}
        </button>
      ) : null}
      {hasSiblings && message.preferred ? <span className="badge">{t('message.kept')}</span> : null}
      {hasSiblings && message.parentId ? (
        <button
          type="button"
          className="secondary"
          onClick={() => void compareAnswers(message.parentId as string)}
        >
          {t('message.sideBySide')}
        </button>
      ) : null}
      <IconButton
        label={t('common:delete')}
        title={t('message.deleteAnswerHint')}
        onClick={() => void deleteMessage(message.id)}
      >
        <Trash2 size={16} />
      </IconButton>
    </div>
  )
}

/** Edit and resend: a new version of the question; the old one stays reachable with ‹ ›. */
function EditQuestion({ message, onDone }: { message: ChatMessage; onDone: () => void }) {
  const { t } = useTranslation(['chat', 'common'])
  const [draft, setDraft] = useState(message.content)
  const edit = useChatStore((state) => state.edit)
  const sending = useChatStore((state) => state.sending)
  const unchanged = draft.trim().length === 0 || draft === message.content
  const save = async () => {
    if (unchanged) return
    if (await edit(message.id, draft)) onDone()
  }
  return (
    <form
      className="edit-question"
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <label className="visually-hidden" htmlFor={`edit-${message.id}`}>
        {t('message.editLabel')}
      </label>
      <textarea
        id={`edit-${message.id}`}
        value={draft}
        rows={Math.min(12, Math.max(2, draft.split('\n').length))}
        // biome-ignore lint/a11y/noAutofocus: the person just asked to edit this message
        autoFocus
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onDone()
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault()
            void save()
          }
        }}
      />
      <div className="message-actions">
        <button type="submit" disabled={sending || unchanged}>
          {t('message.saveAndSend')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  )
}
