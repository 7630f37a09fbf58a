import { useEffect } from 'react'
import { api } from './api'
import { Composer } from './components/Composer'
import { MessageList } from './components/MessageList'
import { Notices } from './components/Notices'
import { Sidebar } from './components/Sidebar'
import { useChatStore } from './store'
import { RECONNECTED_EVENT } from './transport/web-transport'

export function App() {
  const title = useChatStore((state) => state.chats.find((chat) => chat.id === state.currentChatId)?.title)
  const provider = useChatStore((state) => state.status?.provider)

  useEffect(() => {
    const { start, receive, reloadCurrent } = useChatStore.getState()
    const unsubscribe = api.on('stream', receive)
    const onReconnect = () => void reloadCurrent()
    window.addEventListener(RECONNECTED_EVENT, onReconnect)
    void start()
    return () => {
      unsubscribe()
      window.removeEventListener(RECONNECTED_EVENT, onReconnect)
    }
  }, [])

  return (
    <div className="app">
      <Sidebar />
      <main className="thread">
        <header className="thread-header">
          <h1>{title ?? 'New chat'}</h1>
          {provider && (
            <span className="provider" title={provider.baseURL}>
              {provider.name}
              {provider.model ? ` · ${provider.model}` : ''}
            </span>
          )}
        </header>
        <Notices />
        <MessageList />
        <Composer />
      </main>
    </div>
  )
}
