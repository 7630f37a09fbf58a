// The figures a column's header shows: time to first token, speed, tokens and cost. The provider's
// counts where it gave them; otherwise an estimate from the text, marked as one.
import type { ModelInfo } from '../../../shared/providers'
import type { ChatMessage } from '../../../shared/types'
import { type Formatter, formatter } from '../i18n/format'
import { i18n } from '../i18n/i18n'

export interface AnswerStats {
  firstTokenMs: number | null
  tokensPerSecond: number | null
  tokens: number | null
  /** The token count (and so speed and cost) is estimated from the text. */
  estimated: boolean
  /** US dollars; null where the model has no prices. */
  cost: number | null
}

/** About four characters a token; the same rule the main process uses before sending. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4)
}

export function answerStats(message: ChatMessage, model: ModelInfo | undefined, now: number): AnswerStats {
  const written = message.content.length + message.thinking.length
  const estimated = message.tokensOut === null
  const tokens =
    message.tokensOut ?? (written > 0 ? estimateTokens(message.content + message.thinking) : null)
  const first = message.firstTokenMs
  const elapsed = message.durationMs ?? now - message.createdAt
  const writingMs = first === null ? 0 : elapsed - first
  const tokensPerSecond = tokens !== null && writingMs > 0 ? (tokens / writingMs) * 1_000 : null
  const cost = costOf(model, message.tokensIn, tokens)
  return { firstTokenMs: first, tokensPerSecond, tokens, estimated, cost }
}

function costOf(
  model: ModelInfo | undefined,
  tokensIn: number | null,
  tokensOut: number | null,
): number | null {
  if (!model || (model.inputPrice === null && model.outputPrice === null)) return null
  if (tokensIn === null && tokensOut === null) return null
  const input = tokensIn === null || model.inputPrice === null ? 0 : (tokensIn * model.inputPrice) / 1e6
  const output = tokensOut === null || model.outputPrice === null ? 0 : (tokensOut * model.outputPrice) / 1e6
  return input + output
}

/**
 * `0.8 s · 42 tok/s · 1,234 tokens · $0.0031`, leaving out what is not known yet, in the language shown
 * (the formatter's Intl objects are made once: headers update many times a second).
 */
export function describeStats(stats: AnswerStats, f: Formatter = formatter()): string[] {
  const t = i18n.getFixedT(f.language, 'compare')
  const parts: string[] = []
  if (stats.firstTokenMs !== null)
    parts.push(
      t('stats.seconds', {
        value: f.number(stats.firstTokenMs / 1_000, {
          minimumFractionDigits: 1,
          maximumFractionDigits: 1,
          useGrouping: false,
        }),
      }),
    )
  const mark = stats.estimated ? '~' : ''
  if (stats.tokensPerSecond !== null)
    parts.push(
      t('stats.speed', {
        mark,
        value: f.number(Math.round(stats.tokensPerSecond), { useGrouping: false }),
      }),
    )
  if (stats.tokens !== null) parts.push(t('stats.tokens', { mark, value: f.number(stats.tokens) }))
  if (stats.cost !== null) {
    const digits = stats.cost < 0.01 ? 4 : 2
    const value = f.number(stats.cost, {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
    parts.push(t('stats.cost', { mark, value }))
  }
  return parts
}
