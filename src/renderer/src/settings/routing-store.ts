// Auto's routing profiles as the page knows them: read once, replaced by what the main process returns
// after each change, so Settings and the model picker show the same list.
import { create } from 'zustand'
import type { RoutingProfile, RoutingProfileDraft } from '../../../shared/routing'
import { api } from '../api'

interface RoutingState {
  profiles: RoutingProfile[]
  load(): Promise<void>
  save(profile: RoutingProfileDraft, id?: string): Promise<void>
  remove(id: string): Promise<void>
}

export const useRoutingStore = create<RoutingState>((set) => ({
  profiles: [],
  async load() {
    set({ profiles: await api.listRoutingProfiles() })
  },
  async save(profile, id) {
    set({ profiles: await api.saveRoutingProfile({ profile, ...(id && { id }) }) })
  },
  async remove(id) {
    set({ profiles: await api.deleteRoutingProfile({ id }) })
  },
}))
