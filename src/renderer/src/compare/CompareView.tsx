// A question answered side by side: the columns in the chosen layout, and what applies to all of them
// (layout, synchronized scrolling, blind mode, Stop all, Merge answers, Continue separately).
import { useCallback, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import type { CompareLayout } from '../../../shared/types'
import { useProvidersStore } from '../settings/providers-store'
import { useChatStore } from '../store'
import { blindName, blindOrder } from './blind'
import { type ColumnScroller, CompareColumnView } from './CompareColumn'
import { MergeDialog } from './MergeDialog'
import { labelOf } from './model-label'

const LAYOUTS: readonly CompareLayout[] = ['columns', 'grid', 'tabs']

export function CompareView() {
  const { t } = useTranslation('compare')
  const compare = useChatStore((state) => state.compare)
  const settings = useChatStore((state) => state.compareSettings)
  const update = useChatStore((state) => state.updateCompareSettings)
  const stopAll = useChatStore((state) => state.stopAll)
  const continueSeparately = useChatStore((state) => state.continueSeparately)
  const anyStreaming = useChatStore((state) =>
    (state.compare?.columns ?? []).some((column) =>
      column.messageIds.some((id) => state.messages[id]?.status === 'streaming'),
    ),
  )
  // Names come back once the person has judged the turn (a vote; keeping one closes the turn).
  const judged = useChatStore((state) =>
    (state.compare?.columns ?? []).some((column) =>
      column.messageIds.some((id) => (state.messages[id]?.vote ?? null) !== null),
    ),
  )
  // A column's lasting name: its question and slot (a retry in it is a new answer in the same place).
  const slotKeys = useChatStore(
    useShallow((state) =>
      (state.compare?.columns ?? []).map(
        (column) =>
          `${state.compare?.questionId}:${state.messages[column.answerId]?.slot ?? column.answerId}`,
      ),
    ),
  )
  const [tab, setTab] = useState(0)
  const [merging, setMerging] = useState(false)
  const scrollers = useRef(new Map<string, ColumnScroller>())
  const register = useCallback((answerId: string, scroller: ColumnScroller | null) => {
    if (scroller) scrollers.current.set(answerId, scroller)
    else scrollers.current.delete(answerId)
  }, [])
  if (!compare) return null

  const blind = settings.blind && !judged
  // The shuffled order stays after names are revealed, so "Model B" is still where it was.
  const keyOf = (column: (typeof compare.columns)[number]) =>
    slotKeys[compare.columns.indexOf(column)] ?? column.answerId
  const columns = settings.blind ? blindOrder(compare.columns, keyOf) : compare.columns
  const blindNames = blind
    ? Object.fromEntries(columns.map((column, index) => [column.answerId, blindName(index)]))
    : null
  const layout = settings.layout
  const shownTab = Math.min(tab, columns.length - 1)

  // Scrolling one column moves the others to the same share of their length; those at the end follow
  // their answers again, the others stay where they were put.
  const onPersonScroll = settings.syncScroll
    ? (answerId: string, source: HTMLDivElement) => {
        const share = source.scrollTop / Math.max(1, source.scrollHeight - source.clientHeight)
        for (const [id, other] of scrollers.current) {
          if (id === answerId) continue
          other.element.scrollTop = share * (other.element.scrollHeight - other.element.clientHeight)
          other.setFollowing(share > 0.99)
        }
      }
    : undefined

  return (
    <section className="compare" aria-label={t('view.label')}>
      <div className="compare-toolbar">
        <fieldset className="segmented">
          <legend>{t('view.layout')}</legend>
          {LAYOUTS.map((option) => (
            <label key={option} className={layout === option ? 'selected' : ''}>
              <input
                type="radio"
                name="compare-layout"
                value={option}
                checked={layout === option}
                onChange={() => void update({ layout: option })}
              />
              {t(`view.layouts.${option}`)}
            </label>
          ))}
        </fieldset>
        {layout !== 'tabs' && (
          <label className="toggle">
            <input
              type="checkbox"
              checked={settings.syncScroll}
              onChange={(event) => void update({ syncScroll: event.target.checked })}
            />
            {t('view.syncScroll')}
          </label>
        )}
        <label className="toggle">
          <input
            type="checkbox"
            checked={settings.blind}
            onChange={(event) => void update({ blind: event.target.checked })}
          />
          {t('view.blind')}
        </label>
        <span className="compare-toolbar-spacer" />
        {anyStreaming && (
          <button type="button" className="secondary" onClick={() => void stopAll()}>
            {t('view.stopAll')}
          </button>
        )}
        <button
          type="button"
          className="secondary"
          disabled={anyStreaming || compare.separate}
          title={compare.separate ? t('view.noOneQuestion') : undefined}
          onClick={() => setMerging(true)}
        >
          {t('view.merge')}
        </button>
        {compare.separate ? (
          <span className="muted">{t('view.separate')}</span>
        ) : (
          <button
            type="button"
            className="secondary"
            onClick={() => void continueSeparately(compare.questionId)}
          >
            {t('view.continueSeparately')}
          </button>
        )}
      </div>
      {blind && <p className="muted compare-note">{t('view.blindNote')}</p>}
      {layout === 'tabs' && (
        <div className="compare-tabs" role="tablist" aria-label={t('view.tabs')}>
          {columns.map((column, index) => (
            <ColumnTab
              key={column.answerId}
              answerId={column.answerId}
              name={blind ? blindName(index) : null}
              selected={index === shownTab}
              onSelect={() => setTab(index)}
            />
          ))}
        </div>
      )}
      <div className={`compare-board compare-${layout}`}>
        {columns.map((column, index) => (
          <CompareColumnView
            key={column.answerId}
            column={column}
            blindName={blind ? blindName(index) : null}
            hidden={layout === 'tabs' && index !== shownTab}
            {...(onPersonScroll && { onPersonScroll })}
            register={register}
          />
        ))}
      </div>
      {merging && <MergeDialog blindNames={blindNames} onClose={() => setMerging(false)} />}
    </section>
  )
}

function ColumnTab({
  answerId,
  name,
  selected,
  onSelect,
}: {
  answerId: string
  name: string | null
  selected: boolean
  onSelect: () => void
}) {
  const message = useChatStore((state) => state.messages[answerId])
  const providers = useProvidersStore((state) => state.providers)
  const label = labelOf(
    providers,
    message?.provider ?? null,
    message?.model ?? message?.target?.model ?? null,
  )
  return (
    <button type="button" role="tab" aria-selected={selected} onClick={onSelect}>
      {name ?? label.model}
      {message?.status === 'streaming' ? ' …' : ''}
    </button>
  )
}
