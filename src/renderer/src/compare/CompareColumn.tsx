// One column of a side-by-side turn: who answers, how fast, the answer (and, continued separately, the
// rest of its own thread), and what can be done with it. Subscribes to its own messages only.
import { memo, useCallback, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import type { ChatMessage, CompareColumn } from '../../../shared/types'
import { CopyButton } from '../components/CopyButton'
import { MessageBody } from '../components/MessageBody'
import { VoteButtons } from '../components/VoteButtons'
import { useFollowEnd } from '../follow-end'
import { useFormat } from '../i18n/format'
import { useProvidersStore } from '../settings/providers-store'
import { useChatStore } from '../store'
import { useNow } from '../useNow'
import { answerStats, describeStats } from './answer-stats'
import { askableTargets, labelOf } from './model-label'
import { TargetOptions } from './TargetOptions'

const NEAR_BOTTOM_PX = 40

/** A column's scrolling body, for synchronized scrolling. */
export interface ColumnScroller {
  element: HTMLDivElement
  setFollowing(following: boolean): void
}

export interface ColumnProps {
  column: CompareColumn
  /** "Model A" in blind mode; null shows the model's name. */
  blindName: string | null
  hidden?: boolean
  /** The person scrolled this column (not the column following its answer). */
  onPersonScroll?: (answerId: string, element: HTMLDivElement) => void
  /** Called with the column's body once shown, and with null when it goes. */
  register?: (answerId: string, scroller: ColumnScroller | null) => void
}

export const CompareColumnView = memo(function CompareColumnView({
  column,
  blindName,
  hidden = false,
  onPersonScroll,
  register,
}: ColumnProps) {
  const { t } = useTranslation('compare')
  const f = useFormat()
  const answer = useChatStore((state) => state.messages[column.answerId])
  const leafId = column.messageIds.at(-1) ?? column.answerId
  const leaf = useChatStore((state) => state.messages[leafId])
  const providers = useProvidersStore((state) => state.providers)
  const now = useNow(500, leaf?.status === 'streaming')
  // Each column follows its own answer as it grows, unless the person scrolled up in it.
  const follow = useFollowEnd<HTMLDivElement>(
    (leaf?.content.length ?? 0) + (leaf?.thinking.length ?? 0),
    NEAR_BOTTOM_PX,
  )
  const body = useRef<HTMLDivElement | null>(null)
  const followRef = follow.props.ref
  const bodyRef = useCallback(
    (element: HTMLDivElement | null) => {
      body.current = element
      followRef(element)
    },
    [followRef],
  )
  const setFollowing = follow.setFollowing
  // biome-ignore lint/correctness/useExhaustiveDependencies: setFollowing only writes a ref; registering once is enough
  useEffect(() => {
    const element = body.current
    if (!register || !element) return
    register(column.answerId, { element, setFollowing })
    return () => register(column.answerId, null)
  }, [register, column.answerId])
  if (!answer || !leaf) return null
  const label = labelOf(
    providers,
    leaf.provider ?? leaf.target?.providerId ?? null,
    leaf.model ?? leaf.target?.model ?? null,
  )
  const name = blindName ?? label.model
  const temperature = leaf.target?.temperature
  const figures = answerStats(leaf, label.info, now)
  // A price tier would say which model a blind column is.
  const stats = describeStats(blindName === null ? figures : { ...figures, cost: null }, f)
  return (
    <section
      className={`compare-column status-${leaf.status}`}
      aria-label={name}
      hidden={hidden}
      data-answer-id={answer.id}
    >
      <header className="compare-column-header">
        <div className="compare-column-title">
          <strong>{name}</strong>
          {blindName === null && label.provider && <span className="muted">{label.provider}</span>}
          {blindName === null && temperature !== undefined && (
            <span className="muted">{t('column.temperature', { value: temperature })}</span>
          )}
          <span className={`badge badge-${leaf.status}`}>{t(`status.${leaf.status}`)}</span>
          {leaf.cached && <span className="badge badge-cached">{t('column.cached')}</span>}
          {answer.mergedFrom && <MergedFrom ids={answer.mergedFrom} blind={blindName !== null} />}
        </div>
        {stats.length > 0 && <div className="compare-column-stats">{stats.join(' · ')}</div>}
      </header>
      <div
        className="compare-column-body"
        {...follow.props}
        ref={bodyRef}
        onScroll={(event) => {
          follow.props.onScroll(event)
          if (follow.scrolledByPerson()) onPersonScroll?.(column.answerId, event.currentTarget)
        }}
      >
        {column.messageIds.map((id) => (
          <ColumnMessage key={id} id={id} anonymous={blindName !== null} />
        ))}
      </div>
      <ColumnActions answer={answer} leaf={leaf} />
    </section>
  )
})

/** Which answers a merge drew on, by model (by count only while names are hidden). */
function MergedFrom({ ids, blind }: { ids: string[]; blind: boolean }) {
  const { t } = useTranslation('compare')
  const providers = useProvidersStore((state) => state.providers)
  const names = useChatStore(
    useShallow((state) =>
      ids.map((id) => {
        const source = state.messages[id]
        return source ? labelOf(providers, source.provider, source.model).model : null
      }),
    ),
  )
  const known = names.filter((name): name is string => name !== null)
  const text =
    blind || known.length === 0
      ? t('column.answers', { count: ids.length })
      : known.join(t('column.separator'))
  return <span className="badge">{t('column.mergedFrom', { names: text })}</span>
}

const ColumnMessage = memo(function ColumnMessage({ id, anonymous }: { id: string; anonymous: boolean }) {
  const message = useChatStore((state) => state.messages[id])
  if (!message) return null
  return (
    // Named like the conversation's messages, so find in chat marks the words in the columns too.
    <div className={`column-message column-message-${message.role}`} data-message-id={message.id}>
      <MessageBody message={message} canContinue={false} anonymous={anonymous} />
    </div>
  )
})

function ColumnActions({ answer, leaf }: { answer: ChatMessage; leaf: ChatMessage }) {
  const { t } = useTranslation(['compare', 'common'])
  const stop = useChatStore((state) => state.stop)
  const regenerate = useChatStore((state) => state.regenerate)
  const keep = useChatStore((state) => state.keep)
  const providers = useProvidersStore((state) => state.providers)
  const streaming = leaf.status === 'streaming'
  const others = askableTargets(providers)
  const askAnother = (value: string) => {
    const choice = others[Number(value)]
    if (choice) void regenerate(leaf.id, choice.target)
  }
  return (
    <footer className="compare-column-actions">
      {streaming ? (
        <button type="button" className="secondary" onClick={() => void stop(leaf.id)}>
          {t('column.stop')}
        </button>
      ) : (
        <>
          <button type="button" onClick={() => void keep(answer.id)}>
            {t('column.keep')}
          </button>
          <button type="button" className="secondary" onClick={() => void regenerate(leaf.id)}>
            {t('common:retry')}
          </button>
          {leaf.content.length > 0 && <CopyButton text={leaf.content} />}
          {leaf.status === 'complete' && leaf.content.length > 0 && !leaf.mergedFrom ? (
            <VoteButtons message={leaf} />
          ) : null}
        </>
      )}
      <label className="ask-another">
        <span className="visually-hidden">{t('column.askAnother')}</span>
        <select
          value=""
          aria-label={t('column.askAnother')}
          onChange={(event) => askAnother(event.target.value)}
        >
          <option value="">{t('column.askAnotherPlaceholder')}</option>
          <TargetOptions choices={others} />
        </select>
      </label>
    </footer>
  )
}
