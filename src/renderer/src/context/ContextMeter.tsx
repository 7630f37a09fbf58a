// The composer's context meter and the preview before sending, at a glance: for each chosen model the
// tokens the next message would send against its window ("1,234 / 8,000 tokens"), whether it fits,
// the estimated cost of the input, and what is left out or summarized.
import type { ContextUse } from '../../../shared/context'
import { useContextStore } from './context-store'

/** One empty list, so the selector's answer is the same while nothing is known. */
const NONE: ContextUse[] = []

export function ContextMeter({ chatId }: { chatId: string | null }) {
  const uses = useContextStore((state) => (state.chatId === chatId ? state.uses : NONE))
  if (uses.length === 0) return null
  return (
    <ul className="context-meter" aria-label="Context before sending">
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
  const share = use.window ? Math.min(1, use.inputTokens / Math.max(1, use.window - use.answerRoom)) : 0
  // Trimming a long chat is the window doing its job: only a chat about to be trimmed is "near".
  const level = !use.fits ? 'over' : share > 0.9 && use.leftOut === 0 ? 'near' : 'fine'
  return (
    <li className={`context-figure is-${level}`} title={explain(use)}>
      {named && <span className="context-model">{use.model}</span>}
      {use.window !== null && (
        <span className="context-bar" aria-hidden="true">
          <span style={{ width: `${Math.round(share * 100)}%` }} />
        </span>
      )}
      <span className="context-tokens">{tokensText(use)}</span>
      {!use.fits && <span className="context-warning">Too long for {use.model}</span>}
      {use.estimatedInputCost !== null && (
        <span className="context-cost">≈ {dollars(use.estimatedInputCost)}</span>
      )}
      {leftOutText(use) && <span className="context-left-out">{leftOutText(use)}</span>}
    </li>
  )
}

export function tokensText(use: ContextUse): string {
  const used = use.inputTokens.toLocaleString('en')
  return use.window === null
    ? `${used} tokens (window not set)`
    : `${used} / ${use.window.toLocaleString('en')} tokens`
}

function leftOutText(use: ContextUse): string | null {
  if (use.toSummarize > 0) return `${count(use.toSummarize)} to summarize`
  if (use.summary) return 'earlier messages summarized'
  if (use.leftOut > 0) return `${count(use.leftOut)} left out`
  return null
}

function count(messages: number): string {
  return messages === 1 ? '1 earlier message' : `${messages.toLocaleString('en')} earlier messages`
}

function dollars(amount: number): string {
  if (amount === 0) return '$0'
  if (amount < 0.0001) return '< $0.0001'
  return `$${amount < 0.01 ? amount.toFixed(4) : amount.toFixed(2)}`
}

function explain(use: ContextUse): string {
  const lines = [
    `${use.model}: about ${use.inputTokens.toLocaleString('en')} tokens in` +
      (use.exact ? '' : ' (estimated with a close tokenizer; corrected by what the provider reports)'),
  ]
  if (use.window === null)
    lines.push('Its context window is not known: set it in Settings → Providers → Models.')
  else
    lines.push(
      `Window ${use.window.toLocaleString('en')} tokens, ${use.answerRoom.toLocaleString('en')} kept for the answer.`,
    )
  lines.push(
    use.strategy === 'summarize'
      ? 'Summarize older messages: what does not fit is summarized.'
      : 'Sliding window: the most recent turns that fit are sent.',
  )
  if (use.estimatedInputCost !== null)
    lines.push('The cost is the input’s, at the model’s price; the answer adds to it.')
  return lines.join('\n')
}
