// How an answer ended, in words, for the endings that are not a plain stop (see the chat service's
// endingOf for the vocabulary).
export interface EndingNote {
  text: string
  /** Offer to go on from where the answer stopped. */
  canContinue: boolean
}

export function describeEnding(ending: string | null): EndingNote | null {
  if (!ending || ending === 'stop') return null
  if (ending.startsWith('tool-call')) {
    const names = ending.slice('tool-call:'.length).split(',').filter(Boolean)
    const which = names.length > 0 ? ` (${names.join(', ')})` : ''
    return {
      text: `The model asked to call a tool${which}. Roundtable offers no tools yet.`,
      canContinue: false,
    }
  }
  switch (ending) {
    case 'length':
      return { text: 'Cut off at the token limit.', canContinue: true }
    case 'reasoning-only':
      return {
        text: 'The model spent its whole token budget thinking and wrote no answer. Raise Max tokens in Chat settings, or lower the reasoning effort.',
        canContinue: false,
      }
    case 'content-filter':
      return { text: 'Stopped by the provider’s content filter.', canContinue: false }
    case 'refusal':
      return { text: 'The model declined to answer.', canContinue: false }
    case 'empty':
      return { text: 'The model returned an empty answer.', canContinue: false }
    default:
      return null
  }
}

/** What Continue sends: a plain request to go on, which every provider understands. */
export const CONTINUE_PROMPT = 'Continue exactly where you stopped.'
