// What Settings does with providers: add, edit, delete, keys, connection tests, models, export and
// import. Every input is checked again here (the form checks as the person types; this is the
// boundary). Keys go to the secret store and nowhere else.
import { z } from 'zod'
import type { EventSink } from '../../../shared/contract'
import { originOf } from '../../../shared/key-binding'
import { checkBaseURL, checkHeader, checkProviderName, cleanKey } from '../../../shared/provider-validation'
import {
  type AzureOptions,
  type ConnectionTest,
  type ModelInfo,
  PRESET_IDS,
  type PresetId,
  type ProviderView,
  presetById,
} from '../../../shared/providers'
import { hasLoneSurrogate, LONE_SURROGATE_MESSAGE } from '../../../shared/text-safety'
import { wording } from '../../../shared/wording'
import { log } from '../log/log'
import type { SecretStore } from '../secrets/types'
import type { AppSettingsStore } from '../settings/app-settings'
import { DuplicateProviderNameError, type ProviderStore } from '../store/provider-store'
import { providerGone, UserFacingError } from '../user-facing-error'
import type { ProviderEntry, ProviderRegistry } from './registry'

export interface ProviderDraft {
  preset: PresetId
  name: string
  baseURL: string
  headers: Record<string, string>
  azure: AzureOptions | null
}

export interface ProviderChanges {
  name?: string
  baseURL?: string
  headers?: Record<string, string>
  azure?: AzureOptions | null
  enabled?: boolean
  maxConcurrent?: number | null
}

const EXPORT_FORMAT = 'roundtable.providers'

// Escapes such as "\ud800" inside the file turn into broken characters only once parsed: checked here.
const wellFormed = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !hasLoneSurrogate(value), LONE_SURROGATE_MESSAGE)

const exportedProvider = z.object({
  name: wellFormed(200),
  preset: z.enum(PRESET_IDS),
  baseURL: z.string().max(2_000),
  headers: z.record(z.string(), wellFormed(4_000)).default({}),
  azure: z
    .object({ deployment: z.string().min(1), apiVersion: z.string().min(1) })
    .nullable()
    .default(null),
  enabled: z.boolean().default(true),
  models: z
    .array(
      z.object({
        id: wellFormed(300).pipe(z.string().min(1)),
        displayName: wellFormed(200).nullable().default(null),
        contextWindow: z.number().int().positive().nullable().default(null),
        maxOutputTokens: z.number().int().positive().nullable().default(null),
        inputPrice: z.number().nonnegative().nullable().default(null),
        outputPrice: z.number().nonnegative().nullable().default(null),
        vision: z.boolean().default(false),
        reasoning: z.boolean().default(false),
      }),
    )
    .max(5_000)
    .default([]),
})

const exportFile = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  providers: z.array(exportedProvider).max(500),
})

export class ProviderService {
  private readonly background = new Set<Promise<void>>()

  constructor(
    private readonly store: ProviderStore,
    private readonly registry: ProviderRegistry,
    private readonly secrets: SecretStore,
    private readonly settings: AppSettingsStore,
    private readonly sink: EventSink,
  ) {}

  /** Resolves when model lists being fetched in the background have arrived (or failed). */
  async settle(): Promise<void> {
    await Promise.all([...this.background])
  }

  list(): Promise<ProviderView[]> {
    return this.registry.views()
  }

  async add(draft: ProviderDraft, apiKey?: string): Promise<ProviderView> {
    const checked = this.checkDraft(draft)
    const key = apiKey === undefined ? '' : cleanKey(apiKey)
    let stored: ReturnType<ProviderStore['add']>
    try {
      stored = this.store.add({ ...checked, enabled: true })
    } catch (error) {
      if (error instanceof DuplicateProviderNameError) throw duplicateName(checked.name)
      throw error
    }
    if (key) {
      try {
        await this.secrets.set(stored.id, key)
        this.store.bindKey(stored.id, originOf(stored.baseURL))
      } catch (error) {
        // A provider whose key could not be kept (or bound) must not stay half-saved, key included.
        await this.secrets.delete(stored.id).catch(() => {})
        this.store.delete(stored.id)
        throw error
      }
    }
    this.fetchModelsInBackground(stored.id)
    return this.view(stored.id)
  }

  /** A new provider's model picker fills itself: its models are fetched once it is saved. */
  private fetchModelsInBackground(providerId: string): void {
    const entry = this.registry.entry(providerId)
    if (!entry) return
    const task = this.registry
      .test(entry)
      .then((result) => {
        if (result.ok) this.sink.emit('providersChanged', { providerId })
      })
      .catch((error) => log.error('fetching models in the background failed:', error))
      .finally(() => this.background.delete(task))
    this.background.add(task)
  }

  async update(providerId: string, changes: ProviderChanges): Promise<ProviderView> {
    const current = this.editable(providerId)
    const draft = this.checkDraft(
      {
        preset: current.preset,
        name: changes.name ?? current.name,
        baseURL: changes.baseURL ?? current.baseURL,
        headers: changes.headers ?? current.headers,
        azure: changes.azure === undefined ? current.azure : changes.azure,
      },
      { uniqueExcept: providerId },
    )
    try {
      this.store.update(providerId, {
        name: draft.name,
        baseURL: draft.baseURL,
        headers: draft.headers,
        azure: draft.azure,
        ...(changes.enabled !== undefined && { enabled: changes.enabled }),
        ...(changes.maxConcurrent !== undefined && { maxConcurrent: changes.maxConcurrent }),
      })
    } catch (error) {
      if (error instanceof DuplicateProviderNameError) throw duplicateName(draft.name)
      throw error
    }
    this.registry.invalidate(providerId)
    return this.view(providerId)
  }

  async delete(providerId: string): Promise<void> {
    this.editable(providerId)
    await this.secrets.delete(providerId)
    this.store.delete(providerId)
    this.registry.invalidate(providerId)
    const settings = this.settings.get()
    if (settings.defaultProviderId === providerId)
      this.settings.update({ defaultProviderId: null, defaultModel: null })
  }

  async setKey(providerId: string, apiKey: string | null): Promise<ProviderView> {
    // The key is typed for where the provider points now: read that before anything can move it.
    const origin = originOf(this.editable(providerId).baseURL)
    const key = apiKey === null ? '' : cleanKey(apiKey)
    if (key) {
      // Unbound first: if the save or the binding fails half-way, no key goes anywhere.
      this.store.bindKey(providerId, null)
      await this.secrets.set(providerId, key)
      // Moving the provider elsewhere later leaves this key behind.
      this.store.bindKey(providerId, origin)
    } else {
      await this.secrets.delete(providerId)
      this.store.bindKey(providerId, null)
    }
    this.registry.invalidate(providerId)
    return this.view(providerId)
  }

  /** Tests the form as it stands: a typed key wins over the saved one; nothing but a model list is saved. */
  async test(providerId: string | null, draft: ProviderDraft, apiKey?: string): Promise<ConnectionTest> {
    const saved = providerId ? this.registry.entry(providerId) : null
    if (providerId && !saved) throw providerGone()
    // A test checks the draft's values, not whether its name is free: nothing is saved.
    const checked = saved?.origin === 'environment' ? saved : this.checkDraft(draft, 'skip-name-check')
    const entry: ProviderEntry = {
      ...(saved ?? {
        id: 'draft',
        enabled: true,
        modelsFetchedAt: null,
        origin: 'settings' as const,
        environmentKey: null,
        environmentModel: null,
        keyOrigin: null,
        maxConcurrent: null,
      }),
      ...checked,
      protocol: presetById(checked.preset).protocol,
    }
    const typedKey = apiKey === undefined ? null : cleanKey(apiKey) || null
    return this.registry.test(entry, typedKey)
  }

  async saveModel(providerId: string, model: Omit<ModelInfo, 'source'>): Promise<ProviderView> {
    this.editable(providerId)
    this.store.saveModel(providerId, { ...model, source: 'manual' })
    return this.view(providerId)
  }

  async deleteModel(providerId: string, modelId: string): Promise<ProviderView> {
    this.editable(providerId)
    this.store.deleteModel(providerId, modelId)
    return this.view(providerId)
  }

  /** Settings-defined providers as JSON. Keys are never part of it, nor are environment providers. */
  export(): string {
    const providers = this.store.list().map((provider) => ({
      name: provider.name,
      preset: provider.preset,
      baseURL: provider.baseURL,
      headers: provider.headers,
      azure: provider.azure,
      enabled: provider.enabled,
      models: this.store
        .models(provider.id)
        .filter((model) => model.source === 'manual' || model.edited)
        .map(({ source: _source, edited: _edited, ...model }) => model),
    }))
    return `${JSON.stringify({ format: EXPORT_FORMAT, version: 1, providers }, null, 2)}\n`
  }

  async import(json: string): Promise<{ added: string[]; skipped: string[] }> {
    let parsed: z.infer<typeof exportFile>
    try {
      parsed = exportFile.parse(JSON.parse(json))
    } catch {
      throw new UserFacingError('invalid-input', wording('notProviderExport'))
    }
    const added: string[] = []
    const skipped: string[] = []
    for (const provider of parsed.providers) {
      try {
        const draft = this.checkDraft({
          preset: provider.preset,
          name: provider.name,
          baseURL: provider.baseURL,
          headers: provider.headers,
          azure: provider.azure,
        })
        const stored = this.store.add({ ...draft, enabled: provider.enabled })
        for (const model of provider.models) this.store.saveModel(stored.id, { ...model, source: 'manual' })
        added.push(draft.name)
      } catch (error) {
        const duplicate =
          error instanceof DuplicateProviderNameError ||
          (error instanceof UserFacingError && error.code === 'conflict')
        const reason = duplicate ? 'a provider with that name exists' : skipReason(error)
        skipped.push(`${provider.name.slice(0, 80)} (${reason})`)
      }
    }
    return { added, skipped }
  }

  private async view(providerId: string): Promise<ProviderView> {
    const entry = this.registry.entry(providerId)
    if (!entry) throw providerGone()
    return this.registry.view(entry)
  }

  private editable(providerId: string): ProviderEntry {
    const entry = this.registry.entry(providerId)
    if (!entry) throw providerGone()
    if (entry.origin === 'environment') {
      throw new UserFacingError('conflict', wording('providerFromEnvironment', { provider: entry.name }))
    }
    return entry
  }

  /** Checks a draft and returns it cleaned; `uniqueExcept` is the provider whose own name may be kept. */
  private checkDraft(
    draft: ProviderDraft,
    names: { uniqueExcept: string | null } | 'skip-name-check' = { uniqueExcept: null },
  ): ProviderDraft & { protocol: ProviderEntry['protocol'] } {
    const preset = presetById(draft.preset)
    const nameError = checkProviderName(draft.name)
    if (nameError) throw new UserFacingError('invalid-input', nameError)
    const name = draft.name.trim()
    if (names !== 'skip-name-check' && this.store.nameTaken(name, names.uniqueExcept))
      throw duplicateName(name)
    const url = checkBaseURL(draft.baseURL)
    if (url.error) throw new UserFacingError('invalid-input', url.error)
    const headers: Record<string, string> = {}
    for (const [headerName, value] of Object.entries(draft.headers)) {
      const error = checkHeader(headerName, value)
      if (error) throw new UserFacingError('invalid-input', error)
      headers[headerName.trim()] = value.trim()
    }
    let azure: AzureOptions | null = null
    if (preset.protocol === 'azure-openai') {
      if (!draft.azure?.deployment.trim())
        throw new UserFacingError('invalid-input', wording('azureNeedsDeployment'))
      azure = { deployment: draft.azure.deployment.trim(), apiVersion: draft.azure.apiVersion.trim() }
    }
    return { preset: draft.preset, protocol: preset.protocol, name, baseURL: url.normalized, headers, azure }
  }
}

function duplicateName(name: string): UserFacingError {
  return new UserFacingError('conflict', wording('providerNameTaken', { name }))
}

function skipReason(error: unknown): string {
  return error instanceof UserFacingError ? error.message.replace(/\.$/, '') : 'not valid'
}
