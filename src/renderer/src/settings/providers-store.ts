// Providers, app settings and the open chat's settings, as the renderer knows them. Every change goes
// through `api` and the answer replaces what was here: the main process stays the source of truth.
import { create } from 'zustand'
import type { CallInput } from '../../../shared/contract'
import type { AppSettings, ChatSettings, ProviderView } from '../../../shared/providers'
import type { ModelHealth } from '../../../shared/types'
import { api } from '../api'

interface ProvidersState {
  providers: ProviderView[]
  settings: AppSettings | null
  /** Settings of the chat shown, or null when no chat is open. */
  chatSettings: { chatId: string; settings: ChatSettings } | null
  /** Models paused by their circuit breakers. */
  health: ModelHealth[]
  loaded: boolean
}

interface ProvidersActions {
  load(): Promise<void>
  loadHealth(): Promise<void>
  /** Puts a provider the main process just returned in place of the old copy (or adds it). */
  put(view: ProviderView): void
  remove(providerId: string): void
  updateSettings(changes: CallInput<'updateSettings'>): Promise<AppSettings>
  loadChatSettings(chatId: string | null): Promise<void>
  updateChatSettings(changes: Omit<CallInput<'updateChatSettings'>, 'chatId'>, chatId: string): Promise<void>
}

export const useProvidersStore = create<ProvidersState & ProvidersActions>()((set, get) => ({
  providers: [],
  settings: null,
  chatSettings: null,
  health: [],
  loaded: false,

  async load() {
    const [providers, settings, health] = await Promise.all([
      api.listProviders(),
      api.getSettings(),
      api.getModelHealth(),
    ])
    set({ providers, settings, health, loaded: true })
  },

  async loadHealth() {
    set({ health: await api.getModelHealth() })
  },

  put(view) {
    const providers = get().providers
    const index = providers.findIndex((p) => p.id === view.id)
    set({ providers: index < 0 ? [...providers, view] : providers.map((p) => (p.id === view.id ? view : p)) })
  },

  remove(providerId) {
    set({ providers: get().providers.filter((p) => p.id !== providerId) })
  },

  async updateSettings(changes) {
    const settings = await api.updateSettings(changes)
    set({ settings })
    return settings
  },

  async loadChatSettings(chatId) {
    if (!chatId) {
      set({ chatSettings: null })
      return
    }
    const settings = await api.getChatSettings({ chatId })
    set({ chatSettings: { chatId, settings } })
  },

  async updateChatSettings(changes, chatId) {
    const settings = await api.updateChatSettings({ chatId, ...changes })
    set({ chatSettings: { chatId, settings } })
  },
}))
