// What the chat's plain modules share to speak the language shown: the chat namespace's `t` (passed in by
// the component that shows the words, so a language switch re-renders them), and an answer's error.
import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import type { ChatMessage } from '../../../shared/types'
import { wordingText } from '../i18n/error-text'

/** `t` of the chat namespace, as `useTranslation('chat')` gives it. */
export type ChatT = TFunction<'chat'>

/**
 * A stored answer's error in the language shown (its wording); an answer that failed before errors
 * were worded keeps the English it was saved with. Its one reader is MessageBody.
 */
export function answerErrorText(message: ChatMessage, language: string): string {
  return message.errorWording ? wordingText(message.errorWording, language) : (message.error ?? '')
}

// A character no translation holds: where a slot goes in words that have one.
const SLOT = '\u2063'

/**
 * Words with an element inside them (a chat's title in <bdi>): `say` gets the slot's marker as the
 * parameter and returns the translated words; the element goes where the marker landed.
 */
export function withSlot(say: (slot: string) => string, node: ReactNode): ReactNode[] {
  const [before = '', after = ''] = say(SLOT).split(SLOT)
  return [before, node, after]
}
