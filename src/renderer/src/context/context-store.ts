// What the next message would send of the open chat, per chosen model (from previewContext): the
// composer's meter and preview show it, and the conversation dims the messages it leaves out.
import { create } from 'zustand'
import type { ContextUse } from '../../../shared/context'

interface ContextState {
  chatId: string | null
  uses: ContextUse[]
}

export const useContextStore = create<ContextState>()(() => ({ chatId: null, uses: [] }))

/**
 * The use that leaves the most out (side by side, the smallest window decides what is dimmed): the
 * first message it sends, and the summary it sends in place of the rest.
 */
export function mostLeftOut(uses: readonly ContextUse[]): ContextUse | null {
  let most: ContextUse | null = null
  for (const use of uses) if (use.leftOut > 0 && (most === null || use.leftOut > most.leftOut)) most = use
  return most
}
