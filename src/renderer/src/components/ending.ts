// How an answer ended, in words, for the endings that are not a plain stop (see the chat service's
// endingOf for the vocabulary).
import type { ChatT } from './words'

export interface EndingNote {
  text: string
  /** Offer to go on from where the answer stopped. */
  canContinue: boolean
}

export function describeEnding(ending: string | null, t: ChatT): EndingNote | null {
  if (!ending || ending === 'stop') return null
  if (ending.startsWith('tool-call')) {
    const names = ending.slice('tool-call:'.length).split(',').filter(Boolean)
    return {
      text:
        names.length > 0
          ? t('ending.toolCallNamed', { names: names.join(t('facts.separator')) })
          : t('ending.toolCall'),
      canContinue: false,
    }
  }
  switch (ending) {
    case 'length':
      return { text: t('ending.length'), canContinue: true }
    case 'reasoning-only':
      return {
        text: t('ending.reasoningOnly'),
        canContinue: false,
      }
    case 'content-filter':
      return { text: t('ending.contentFilter'), canContinue: false }
    case 'refusal':
      return { text: t('ending.refusal'), canContinue: false }
    case 'empty':
      return { text: t('ending.empty'), canContinue: false }
    default:
      return null
  }
}
