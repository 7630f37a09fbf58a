import { PanelLeftOpen } from 'lucide-react'
import { lazy, Suspense, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from './api'
import { AccessNeeded } from './components/AccessNeeded'
import { AnswerAnnouncer } from './components/AnswerAnnouncer'
import { ChatMenu } from './components/ChatMenu'
import { Composer, focusComposer } from './components/Composer'
import { IconButton } from './components/IconButton'
import { Leaderboard } from './components/Leaderboard'
import { MessageList } from './components/MessageList'
import { Modal } from './components/Modal'
import { loadMarkdown } from './components/markdown-module'
import { Notices } from './components/Notices'
import { ShortcutsDialog } from './components/ShortcutsDialog'
import { Sidebar } from './components/Sidebar'
import { TemporaryBadge } from './components/TemporaryBadge'
import { UndoToast } from './components/UndoToast'
import { useWelcome, Welcome } from './components/Welcome'
import { applyLanguage } from './i18n/i18n'
import { selectSidebarShown, useAppearance, watchWidth } from './prefs/appearance-store'
import { FindBar } from './search/FindBar'
import { SearchDialog } from './search/SearchDialog'
import { useProvidersStore } from './settings/providers-store'
import type { SettingsFocus } from './settings/SettingsDialog'
import { useShortcuts } from './shortcuts'
import { lastAnswer, stopStreaming, useChatStore } from './store'
import {
  ACCESS_LOST_EVENT,
  DISCONNECTED_EVENT,
  hasLostAccess,
  RECONNECTED_EVENT,
} from './transport/web-transport'

// Not part of the first screen: each is a chunk of its own (Monitoring brings its charts), loaded
// when first opened, so the page starts without parsing them. A chunk that cannot load (the web host
// was rebuilt under an open tab) says so in its place instead of taking the whole page down.
const MonitoringPage = lazy(() =>
  import('./monitoring/MonitoringPage').then(
    (module) => ({ default: module.MonitoringPage }),
    () => ({ default: MonitoringNotLoaded }),
  ),
)
const SettingsDialog = lazy(() =>
  import('./settings/SettingsDialog').then(
    (module) => ({ default: module.SettingsDialog }),
    () => ({ default: SettingsNotLoaded }),
  ),
)

function MonitoringNotLoaded() {
  const { t } = useTranslation('chat')
  return <p role="alert">{t('app.monitoringNotLoaded')}</p>
}

function SettingsNotLoaded({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('chat')
  return (
    <Modal title={t('app.settings')} onClose={onClose}>
      <p role="alert">{t('app.settingsNotLoaded')}</p>
    </Modal>
  )
}

export function App() {
  const { t } = useTranslation(['chat', 'common'])
  const chat = useChatStore((state) => state.chats.find((c) => c.id === state.currentChatId))
  const title = chat?.title
  const sidebarShown = useAppearance(selectSidebarShown)
  const narrow = useAppearance((state) => state.narrow)
  const toggleSidebar = useAppearance((state) => state.toggleSidebar)
  const closeOverlay = useAppearance((state) => state.closeOverlay)
  const [searchOpen, setSearchOpen] = useState(false)
  const [findOpen, setFindOpen] = useState(false)
  const currentChatId = useChatStore((state) => state.currentChatId)
  const view = useChatStore((state) => state.view)
  // true: Settings at its top; a focus: Settings opened there (the welcome's Add provider).
  const [settingsOpen, setSettingsOpen] = useState<boolean | SettingsFocus>(false)
  const welcome = useWelcome()
  const [locked, setLocked] = useState(hasLostAccess)
  const [disconnected, setDisconnected] = useState(false)
  const [shortcutsOpen, setShortcutsOpen] = useState(false)
  const dialogOpen = settingsOpen || shortcutsOpen || searchOpen

  useShortcuts({
    newChat: () => void useChatStore.getState().newChat().then(focusComposer),
    newTemporaryChat: () => void useChatStore.getState().newChat({ temporary: true }).then(focusComposer),
    settings: () => setSettingsOpen(true),
    search: () => setSearchOpen(true),
    ...(view === 'chat' && currentChatId !== null && !dialogOpen && { findInChat: () => setFindOpen(true) }),
    toggleSidebar,
    showShortcuts: () => setShortcutsOpen(true),
    copyLastAnswer: () => {
      const answer = lastAnswer(useChatStore.getState())
      if (answer) void navigator.clipboard.writeText(answer.content).catch(() => {})
    },
    // A dialog's own Esc closes it; only without one does Esc stop what streams.
    ...(!dialogOpen && { stop: () => void stopStreaming(useChatStore.getState()) }),
  })

  useEffect(() => watchWidth(), [])

  // The main process keeps the language setting (its menus follow it too); the page applies it.
  const language = useProvidersStore((state) => state.settings?.language)
  useEffect(() => {
    if (language) applyLanguage(language)
  }, [language])

  useEffect(() => {
    const onLost = () => setLocked(true)
    window.addEventListener(ACCESS_LOST_EVENT, onLost)
    return () => window.removeEventListener(ACCESS_LOST_EVENT, onLost)
  }, [])

  useEffect(() => {
    const { start, receive, reloadCurrent } = useChatStore.getState()
    const chats = () => useChatStore.getState()
    const providers = () => useProvidersStore.getState()
    const unsubscribers = [
      api.on('stream', receive),
      api.on('providersChanged', () => void providers().load()),
      api.on('statusChanged', () => void chats().refreshStatus()),
      api.on('answerProgress', (event) => chats().receiveProgress(event)),
      api.on('modelHealthChanged', () => void providers().loadHealth()),
      api.on('chatChanged', (chat) => chats().chatChanged(chat)),
      api.on('chatRemoved', ({ chatId }) => chats().chatRemoved(chatId)),
    ]
    const onReconnect = () => {
      setDisconnected(false)
      void reloadCurrent()
    }
    const onDisconnect = () => setDisconnected(true)
    window.addEventListener(RECONNECTED_EVENT, onReconnect)
    window.addEventListener(DISCONNECTED_EVENT, onDisconnect)
    // The Markdown formatter only once the first screen is up: evaluating it takes ~100 ms, which would
    // hold that screen back; answers on it show their text as written for that moment.
    void start().finally(loadMarkdown)
    void providers().load()
    return () => {
      for (const unsubscribe of unsubscribers) unsubscribe()
      window.removeEventListener(RECONNECTED_EVENT, onReconnect)
      window.removeEventListener(DISCONNECTED_EVENT, onDisconnect)
    }
  }, [])

  useEffect(() => {
    void useProvidersStore.getState().loadChatSettings(currentChatId)
  }, [currentChatId])

  if (locked) return <AccessNeeded />
  return (
    <div className={`app${sidebarShown ? '' : ' sidebar-hidden'}${narrow ? ' narrow' : ''}`}>
      {sidebarShown && (
        <Sidebar
          onOpenSettings={() => {
            closeOverlay()
            setSettingsOpen(true)
          }}
          onSearch={() => {
            closeOverlay()
            setSearchOpen(true)
          }}
        />
      )}
      {narrow && sidebarShown && (
        // The chat behind a narrow window's open sidebar: a click there closes the sidebar.
        <button
          type="button"
          className="sidebar-scrim"
          aria-label={t('app.closeSidebar')}
          tabIndex={-1}
          onClick={closeOverlay}
        />
      )}
      {disconnected && (
        // Answers still streaming would otherwise say "Answering…" with nothing arriving.
        <p className="connection-lost" role="status">
          {t('app.disconnected')}
        </p>
      )}
      {view !== 'chat' ? (
        <main className="thread">
          {!sidebarShown && (
            <header className="thread-header">
              <ShowSidebar onClick={toggleSidebar} />
            </header>
          )}
          <Notices />
          {view === 'leaderboard' ? (
            <Leaderboard />
          ) : (
            // What the page itself says while its figures load.
            <Suspense fallback={<p role="status">{t('common:loading')}</p>}>
              <MonitoringPage />
            </Suspense>
          )}
        </main>
      ) : (
        <main className="thread">
          <header className="thread-header">
            {!sidebarShown && <ShowSidebar onClick={toggleSidebar} />}
            <h1>
              <bdi>{title || t('app.newChat')}</bdi>
            </h1>
            {chat?.expiresAt != null && (
              <>
                <TemporaryBadge expiresAt={chat.expiresAt} />
                <button
                  type="button"
                  className="secondary small keep-chat"
                  title={t('app.keepChatHint')}
                  onClick={() => void useChatStore.getState().keepChat(chat.id)}
                >
                  {t('app.keepChat')}
                </button>
              </>
            )}
            {chat && !chat.empty && <ChatMenu chat={chat} />}
          </header>
          <Notices />
          {findOpen && <FindBar key={`find-${currentChatId}`} onClose={() => setFindOpen(false)} />}
          {/* Keyed by chat: a chat opens following its end, whatever the last one was scrolled to. */}
          {welcome ? (
            <Welcome onAddProvider={() => setSettingsOpen('add-provider')} />
          ) : (
            <MessageList key={currentChatId ?? 'none'} />
          )}
          <Composer />
        </main>
      )}
      <UndoToast />
      <AnswerAnnouncer />
      {shortcutsOpen && <ShortcutsDialog onClose={() => setShortcutsOpen(false)} />}
      {searchOpen && <SearchDialog onClose={() => setSearchOpen(false)} />}
      {settingsOpen && (
        // Nothing until it has loaded (a moment, once): a stand-in dialog would take the focus first.
        <Suspense fallback={null}>
          <SettingsDialog
            {...(settingsOpen !== true && { focus: settingsOpen })}
            onClose={() => {
              setSettingsOpen(false)
              // Providers or defaults may have changed: the picker shows the fresh list.
              void useProvidersStore.getState().load()
              void useProvidersStore.getState().loadChatSettings(useChatStore.getState().currentChatId)
            }}
          />
        </Suspense>
      )}
    </div>
  )
}

function ShowSidebar({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation('chat')
  return (
    <IconButton
      className="icon"
      label={t('app.showSidebar')}
      title={t('app.showSidebarHint')}
      onClick={onClick}
    >
      <PanelLeftOpen size={18} />
    </IconButton>
  )
}
