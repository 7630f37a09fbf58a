// What the chat's plain modules share to speak the language shown: the chat namespace's `t` (passed in by
// the component that shows the words, so a language switch re-renders them), and an answer's error.
import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import type { ChatMessage } from '../../../shared/types'

/** `t` of the chat namespace, as `useTranslation('chat')` gives it. */
export type ChatT = TFunction<'chat'>

/**
 * A stored answer's error in words. The one place it is read: the main process sends the words for
 * now; when messages carry a wording code, this turns it into the language shown.
 */
export function answerErrorText(message: ChatMessage): string {
  return message.error ?? ''
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
