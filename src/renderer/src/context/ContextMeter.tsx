// The composer's context meter and the preview before sending, at a glance: for each chosen model the
// tokens the next message would send against its window ("1,234 / 8,000 tokens"), whether it fits,
// the estimated cost of the input, and what is left out or summarized.
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { ContextUse } from '../../../shared/context'
import { type Formatter, formatter, useFormat } from '../i18n/format'
import { i18n } from '../i18n/i18n'
import { useContextStore } from './context-store'

type T = TFunction<'context'>

/** One empty list, so the selector's answer is the same while nothing is known. */
const NONE: ContextUse[] = []

export function ContextMeter({ chatId }: { chatId: string | null }) {
  const { t } = useTranslation('context')
  const uses = useContextStore((state) => (state.chatId === chatId ? state.uses : NONE))
  if (uses.length === 0) return null
  return (
    <ul className="context-meter" aria-label={t('meter.label')}>
      {uses.map((use, column) => (
        <ContextFigure
          // biome-ignore lint/suspicious/noArrayIndexKey: a figure is its column's; one model may fill two columns
          key={`${column} ${use.providerId} ${use.model}`}
          use={use}
          named={uses.length > 1}
        />
      ))}
    </ul>
  )
}

function ContextFigure({ use, named }: { use: ContextUse; named: boolean }) {
  const { t } = useTranslation('context')
  const f = useFormat()
  const share = use.window ? Math.min(1, use.inputTokens / Math.max(1, use.window - use.answerRoom)) : 0
  // Trimming a long chat is the window doing its job: only a chat about to be trimmed is "near".
  const level = !use.fits ? 'over' : share > 0.9 && use.leftOut === 0 ? 'near' : 'fine'
  const leftOut = leftOutText(use, t, f)
  return (
    <li className={`context-figure is-${level}`} title={explain(use, t, f)}>
      {named && <span className="context-model">{use.model}</span>}
      {use.window !== null && (
        <span className="context-bar" aria-hidden="true">
          <span style={{ width: `${Math.round(share * 100)}%` }} />
        </span>
      )}
      <span className="context-tokens">{tokensText(use, f)}</span>
      {!use.fits && <span className="context-warning">{t('meter.tooLong', { model: use.model })}</span>}
      {use.estimatedInputCost !== null && (
        <span className="context-cost">≈ {dollars(use.estimatedInputCost, f)}</span>
      )}
      {leftOut && <span className="context-left-out">{leftOut}</span>}
    </li>
  )
}

/** "1,234 / 8,000 tokens" in English, in the formatter's language. */
export function tokensText(use: ContextUse, f: Formatter = formatter()): string {
  const t = i18n.getFixedT(f.language, 'context')
  const used = f.number(use.inputTokens)
  return use.window === null
    ? t('meter.tokensNoWindow', { used })
    : t('meter.tokensOf', { used, window: f.number(use.window) })
}

function leftOutText(use: ContextUse, t: T, f: Formatter): string | null {
  if (use.toSummarize > 0) return t('meter.toSummarize', { messages: count(use.toSummarize, t, f) })
  if (use.summary) return t('meter.summarized')
  if (use.leftOut > 0) return t('meter.leftOut', { messages: count(use.leftOut, t, f) })
  return null
}

function count(messages: number, t: T, f: Formatter): string {
  return t('meter.earlier', { count: messages, value: f.number(messages) })
}

function dollars(amount: number, f: Formatter): string {
  const money = (value: number, digits: number) =>
    f.number(value, {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
  if (amount === 0) return money(0, 0)
  if (amount < 0.0001) return `< ${money(0.0001, 4)}`
  return money(amount, amount < 0.01 ? 4 : 2)
}

function explain(use: ContextUse, t: T, f: Formatter): string {
  const lines = [
    t('meter.about', { model: use.model, tokens: f.number(use.inputTokens) }) +
      (use.exact ? '' : t('meter.estimated')),
  ]
  if (use.window === null) lines.push(t('meter.windowUnknown'))
  else lines.push(t('meter.window', { window: f.number(use.window), room: f.number(use.answerRoom) }))
  lines.push(use.strategy === 'summarize' ? t('meter.summarize') : t('meter.sliding'))
  if (use.estimatedInputCost !== null) lines.push(t('meter.costNote'))
  return lines.join('\n')
}
