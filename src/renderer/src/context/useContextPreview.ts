// Asks what the draft would send, a moment after typing stops and whenever the chat, its path, its
// model or the models compared change. An answer that arrives for an older question is dropped.
import { useEffect, useRef } from 'react'
import { api } from '../api'
import { useProvidersStore } from '../settings/providers-store'
import { useChatStore } from '../store'
import { useContextStore } from './context-store'

const PREVIEW_AFTER_MS = 300

export function useContextPreview(chatId: string | null, draft: string): void {
  const pathLength = useChatStore((state) => state.messageIds.length)
  const lastStatus = useChatStore((state) => {
    const last = state.messageIds.at(-1)
    return last ? state.messages[last]?.status : undefined
  })
  const targets = useChatStore((state) => state.compareSettings.targets)
  const chatSettings = useProvidersStore((state) => state.chatSettings)
  const providers = useProvidersStore((state) => state.providers)
  const asked = useRef(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: the path, the model and the providers are what the figures depend on
  useEffect(() => {
    const question = ++asked.current
    if (!chatId && draft.trim() === '') {
      // Nothing to measure on a new chat's empty page.
      useContextStore.setState({ chatId: null, uses: [] })
      return
    }
    const timer = setTimeout(() => {
      api
        // No chat yet: what the first message would send to the default model.
        .previewContext({ ...(chatId && { chatId }), draft, ...(targets.length >= 2 && { targets }) })
        .then((uses) => {
          if (question === asked.current) useContextStore.setState({ chatId, uses })
        })
        .catch(() => {
          if (question === asked.current) useContextStore.setState({ chatId, uses: [] })
        })
    }, PREVIEW_AFTER_MS)
    return () => clearTimeout(timer)
  }, [chatId, draft, pathLength, lastStatus, targets, chatSettings, providers])
}
