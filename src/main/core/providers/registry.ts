// Every provider the app can talk to: the ones defined in Settings (SQLite) and the ones defined by
// environment variables (read-only). Joins each with its key (keychain first, then the environment)
// and builds the adapter for its wire protocol. Keys stay in here and in the adapters.

import { keyMayGoTo, originOf } from '../../../shared/key-binding'
import { checkBaseURL } from '../../../shared/provider-validation'
import {
  type ConnectionTest,
  DEFAULT_AZURE_API_VERSION,
  type KeyState,
  type ModelInfo,
  PROVIDER_PRESETS,
  type ProviderPreset,
  type ProviderView,
  presetById,
} from '../../../shared/providers'
import { english, wording } from '../../../shared/wording'
import { log } from '../log/log'
import type { SecretStore } from '../secrets/types'
import type { ProviderStore, StoredProvider } from '../store/provider-store'
import { createProvider } from './factory'
import { ProviderError } from './provider-error'
import type { ChatProvider, ListedModel, ProviderConnection } from './types'

export const ENVIRONMENT_PREFIX = 'env:'
/** Requests in flight at once per provider, unless its settings say otherwise. */
export const DEFAULT_MAX_CONCURRENT = 4
const TEST_TIMEOUT_MS = 10_000

/** A provider as the registry knows it, before its key is looked up. */
export interface ProviderEntry extends StoredProvider {
  origin: 'settings' | 'environment'
  /** For environment providers: the key read from the environment (never stored). */
  environmentKey: { variable: string; value: string } | null
  /** A model named by ROUNDTABLE_MODEL for the environment's OpenAI-compatible provider. */
  environmentModel: string | null
}

export interface RegistryOptions {
  store: ProviderStore
  secrets: SecretStore
  env: NodeJS.ProcessEnv
  /** The fetch that carries the proxy settings, asked anew for every adapter built. */
  fetch?: () => typeof fetch
}

export class ProviderRegistry {
  private readonly environment: ProviderEntry[]
  private readonly adapters = new Map<string, { adapter: ChatProvider; fetch: typeof fetch | undefined }>()
  /** Bumped by every invalidate, so an adapter built from older settings is not cached. */
  private readonly generations = new Map<string, number>()

  constructor(private readonly options: RegistryOptions) {
    this.environment = environmentProviders(options.env)
  }

  entries(): ProviderEntry[] {
    return [...this.environment, ...this.options.store.list().map(fromSettings)]
  }

  /** One provider by id; asked on every message, so it reads one row, not the whole list. */
  entry(id: string): ProviderEntry | null {
    const fromEnvironment = this.environment.find((entry) => entry.id === id)
    if (fromEnvironment) return fromEnvironment
    const stored = this.options.store.get(id)
    return stored ? fromSettings(stored) : null
  }

  async views(): Promise<ProviderView[]> {
    return Promise.all(this.entries().map((entry) => this.view(entry)))
  }

  async view(entry: ProviderEntry): Promise<ProviderView> {
    const preset = presetById(entry.preset)
    const { state } = await this.keyFor(entry)
    const warning = checkBaseURL(entry.baseURL).warning
    return {
      id: entry.id,
      name: entry.name,
      preset: entry.preset,
      protocol: entry.protocol,
      baseURL: entry.baseURL,
      headers: entry.headers,
      azure: entry.azure,
      enabled: entry.enabled,
      origin: entry.origin,
      key: state,
      needsKey: preset.needsKey,
      models: this.models(entry),
      modelsFetchedAt: entry.modelsFetchedAt,
      maxConcurrent: entry.maxConcurrent,
      warnings: warning ? [warning] : [],
    }
  }

  /** Models saved for the provider, plus what its preset knows and it did not list. */
  models(entry: ProviderEntry): ModelInfo[] {
    const saved = entry.origin === 'settings' ? this.options.store.models(entry.id) : []
    const preset = presetById(entry.preset)
    // What a preset knows about models holds only for the preset's own server, not for another
    // server reached through the same protocol.
    const known =
      entry.baseURL === preset.baseURL
        ? preset.models.filter((model) => !saved.some((s) => s.id === model.id))
        : []
    const fromEnvironment: ModelInfo[] =
      entry.environmentModel && !saved.some((s) => s.id === entry.environmentModel)
        ? [manualModel(entry.environmentModel)]
        : []
    return [...fromEnvironment, ...saved, ...known]
  }

  /**
   * The key to send to the entry's base URL, and what the page may know of it. A stored key is only
   * ever returned for the origin it was saved for: an entry whose base URL moved (or a draft tested
   * against another server) gets no key, and its state says so.
   */
  async keyFor(
    entry: Pick<ProviderEntry, 'id' | 'preset' | 'environmentKey' | 'origin' | 'baseURL' | 'keyOrigin'>,
  ): Promise<{
    key: string | null
    state: KeyState
  }> {
    if (entry.environmentKey) {
      const { variable, value } = entry.environmentKey
      return { key: value, state: { kind: 'from-environment', variable, lastFour: lastFourOf(value) } }
    }
    const stored = entry.origin === 'settings' ? await this.options.secrets.get(entry.id) : null
    if (stored) {
      const { backend } = this.options.secrets
      const lastFour = lastFourOf(stored)
      if (!keyMayGoTo(entry.keyOrigin, entry.baseURL)) {
        return {
          key: null,
          state: {
            kind: 'saved-for-other-server',
            savedFor: entry.keyOrigin ?? 'another server',
            backend,
            lastFour,
          },
        }
      }
      return { key: stored, state: { kind: 'stored', backend, lastFour } }
    }
    // A provider from a preset with no key of its own uses the preset's environment variable, read
    // only, and only when it talks to the preset's own server: OPENAI_API_KEY is not for any host.
    const preset = presetById(entry.preset)
    const variable = entry.baseURL === preset.baseURL ? preset.keyVariable : null
    const fromEnvironment = variable ? this.options.env[variable]?.trim() : undefined
    if (variable && fromEnvironment) {
      return {
        key: fromEnvironment,
        state: { kind: 'from-environment', variable, lastFour: lastFourOf(fromEnvironment) },
      }
    }
    return { key: null, state: { kind: 'not-set' } }
  }

  /**
   * How to reach the entry: a typed key wins; else its own key, which must belong to the entry's
   * server. A key saved for another server fails here, before anything is sent anywhere.
   */
  async connection(entry: ProviderEntry, keyOverride?: string | null): Promise<ProviderConnection> {
    let key = keyOverride ?? null
    if (key === null) {
      const found = await this.keyFor(entry)
      if (found.state.kind === 'saved-for-other-server')
        throw new ProviderError(
          'auth',
          wording('keySavedElsewhere', {
            provider: entry.name,
            savedFor: found.state.savedFor,
            server: originOf(entry.baseURL) ?? entry.baseURL,
          }),
        )
      key = found.key
    }
    const preset = presetById(entry.preset)
    return {
      id: entry.id,
      name: entry.name,
      protocol: entry.protocol,
      baseURL: entry.baseURL,
      apiKey: key,
      headers: entry.headers,
      ...(entry.azure && { azure: entry.azure }),
      ...(preset.reasoningField && { reasoningField: preset.reasoningField }),
      ...(this.options.fetch && { fetch: this.options.fetch() }),
    }
  }

  /**
   * The adapter for a provider, built once and reused: building an SDK client and reading the key
   * (a D-Bus round trip with a keychain) on every message would cost more than the rest of the path.
   * Rebuilt after `invalidate` and whenever the proxy settings (the fetch) change.
   */
  async provider(id: string): Promise<ChatProvider | null> {
    const entry = this.entry(id)
    if (!entry) return null
    const fetch = this.options.fetch?.()
    const cached = this.adapters.get(id)
    if (cached && cached.fetch === fetch) return cached.adapter
    const generation = this.generations.get(id) ?? 0
    const adapter = createProvider(await this.connection(entry))
    // A change made while the key was being read must not be hidden behind the adapter built before it.
    if ((this.generations.get(id) ?? 0) === generation) this.adapters.set(id, { adapter, fetch })
    return adapter
  }

  /** Forgets built adapters after a provider's settings or key changed. */
  invalidate(id: string): void {
    this.adapters.delete(id)
    this.generations.set(id, (this.generations.get(id) ?? 0) + 1)
  }

  /**
   * Lists the provider's models within a time limit: the Settings "Test connection" button. A saved
   * provider's fresh list is kept, with the time it was fetched.
   */
  async test(entry: ProviderEntry, keyOverride?: string | null): Promise<ConnectionTest> {
    let adapter: ChatProvider
    try {
      adapter = createProvider(await this.connection(entry, keyOverride))
    } catch (error) {
      if (error instanceof ProviderError)
        return { ok: false, reason: reasonOf(error), message: error.message }
      throw error
    }
    const signal = AbortSignal.timeout(TEST_TIMEOUT_MS)
    try {
      const listed = await adapter.listModels(signal)
      const models = listed.map((model) => enrich(model, presetById(entry.preset)))
      const saved =
        entry.origin === 'settings' && this.options.store.get(entry.id) ? this.entry(entry.id) : null
      if (!saved) return { ok: true, models }
      this.options.store.replaceListedModels(saved.id, models)
      return { ok: true, models: this.models(saved) }
    } catch (error) {
      if (signal.aborted) {
        const said = wording('connectTimeout', {
          provider: entry.name,
          wait: wording('durationS', { n: TEST_TIMEOUT_MS / 1000 }),
        })
        return { ok: false, reason: 'timeout', message: english(said), wording: said }
      }
      const failure =
        error instanceof ProviderError
          ? error
          : new ProviderError('unreachable', wording('providerNotReached', { provider: entry.name }))
      return { ok: false, reason: reasonOf(failure), message: failure.message, wording: failure.wording }
    }
  }
}

/** Enough of a key to tell two apart; nothing of one so short that four characters would be most of it. */
export function lastFourOf(key: string): string {
  return key.length >= 12 ? key.slice(-4) : ''
}

function fromSettings(provider: StoredProvider): ProviderEntry {
  return { ...provider, origin: 'settings', environmentKey: null, environmentModel: null }
}

function reasonOf(error: ProviderError): Exclude<ConnectionTest, { ok: true }>['reason'] {
  if (error.kind === 'auth' || error.kind === 'forbidden') return 'auth'
  if (error.kind === 'not-found') return 'not-found'
  if (error.kind === 'timeout') return 'timeout'
  if (error.kind === 'unreachable' && error.network && error.network !== 'other') return error.network
  return 'other'
}

function enrich(model: ListedModel, preset: ProviderPreset): ModelInfo {
  const known = preset.models.find((candidate) => candidate.id === model.id)
  return {
    ...(known ?? manualModel(model.id)),
    id: model.id,
    displayName: model.displayName ?? known?.displayName ?? null,
    contextWindow: model.contextWindow ?? known?.contextWindow ?? null,
    source: 'listed',
  }
}

export function manualModel(id: string): ModelInfo {
  return {
    id,
    displayName: null,
    contextWindow: null,
    maxOutputTokens: null,
    inputPrice: null,
    outputPrice: null,
    vision: false,
    reasoning: false,
    source: 'manual',
  }
}

/**
 * Providers defined by environment variables: a preset's key variable (OPENAI_API_KEY, ...) or its
 * base-URL variable (OPENAI_BASE_URL, ANTHROPIC_BASE_URL, AZURE_OPENAI_ENDPOINT) makes one.
 */
export function environmentProviders(env: NodeJS.ProcessEnv): ProviderEntry[] {
  const entries: ProviderEntry[] = []
  for (const preset of PROVIDER_PRESETS) {
    const key = preset.keyVariable ? env[preset.keyVariable]?.trim() || null : null
    const baseURL = preset.baseURLVariable ? env[preset.baseURLVariable]?.trim() || null : null
    if (!key && !baseURL) continue
    const checked = checkBaseURL(baseURL ?? preset.baseURL)
    if (checked.error) {
      log.warn(`ignoring ${preset.baseURLVariable}: ${checked.error}`)
      continue
    }
    let azure: ProviderEntry['azure'] = null
    if (preset.protocol === 'azure-openai') {
      const deployment = env.AZURE_OPENAI_DEPLOYMENT?.trim()
      if (!deployment) continue
      azure = { deployment, apiVersion: env.AZURE_OPENAI_API_VERSION?.trim() || DEFAULT_AZURE_API_VERSION }
    }
    entries.push({
      id: `${ENVIRONMENT_PREFIX}${preset.id}`,
      // Named after the server when the variables point somewhere other than the preset's own.
      name: `${checked.normalized === preset.baseURL ? preset.label : new URL(checked.normalized).host} (environment)`,
      preset: preset.id,
      protocol: preset.protocol,
      baseURL: checked.normalized,
      headers: {},
      azure,
      enabled: true,
      modelsFetchedAt: null,
      keyOrigin: null,
      maxConcurrent: null,
      origin: 'environment',
      environmentKey: key && preset.keyVariable ? { variable: preset.keyVariable, value: key } : null,
      environmentModel: preset.id === 'openai' ? env.ROUNDTABLE_MODEL?.trim() || null : null,
    })
  }
  return entries
}
