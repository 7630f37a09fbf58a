// The contract's calls, implemented. Inputs arrive validated by `dispatchCall`; anything a person
// should read is thrown as a UserFacingError.
import type { Handlers } from '../../shared/contract'
import type { AppStatus } from '../../shared/types'
import type { ChatService } from './chat/chat-service'
import type { ChatStore } from './store/chat-store'
import { UserFacingError } from './user-facing-error'

export interface HandlerDeps {
  store: ChatStore
  chats: ChatService
  status: () => AppStatus
}

const CHAT_GONE = 'That chat no longer exists.'

export function createHandlers({ store, chats, status }: HandlerDeps): Handlers {
  return {
    getStatus: () => status(),
    listChats: () => store.listChats(),
    createChat: () => store.createChat(),
    openChat: ({ chatId }) => {
      const chat = store.getChat(chatId)
      if (!chat) throw new UserFacingError('not-found', CHAT_GONE)
      // An answer still streaming is shown as far as the renderer was sent it, so the batches that
      // follow line up with it (the database may be a fraction of a second behind or ahead).
      const messages = store.branch(chatId).map((message) => {
        const live = chats.liveContent(message.id)
        return live === undefined ? message : { ...message, content: live }
      })
      return { chat, messages }
    },
    renameChat: ({ chatId, title }) => {
      const chat = store.renameChat(chatId, title)
      if (!chat) throw new UserFacingError('not-found', CHAT_GONE)
      return chat
    },
    deleteChat: async ({ chatId }) => {
      await chats.stopChat(chatId)
      if (!store.deleteChat(chatId)) throw new UserFacingError('not-found', CHAT_GONE)
    },
    sendMessage: ({ chatId, text }) => chats.send(chatId, text),
    stopMessage: ({ messageId }) => chats.stop(messageId),
    regenerate: ({ messageId }) => chats.regenerate(messageId),
  }
}
