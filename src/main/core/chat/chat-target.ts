// Which provider, model, system prompt and parameters a chat's next message goes to: the chat's own
// choice, else the default from Settings, else the first provider that can answer.
import type { AnswerTarget } from '../../../shared/types'
import { type Wording, wording } from '../../../shared/wording'
import type { ResolvedTarget } from '../pipeline/stages/target'
import { ProviderError } from '../providers/provider-error'
import type { ProviderEntry, ProviderRegistry } from '../providers/registry'
import type { AppSettingsStore } from '../settings/app-settings'
import type { ChatStore } from '../store/chat-store'
import { UserFacingError } from '../user-facing-error'

/** Where a chat's next message goes: what the pipeline's target stage is given. */
export type ChatTarget = ResolvedTarget

/** Why a message cannot be sent, in words; shown as the failed answer. */
/** No model can answer (no provider, a removed or disabled one): the person's to fix in Settings. */
export class NoTargetError extends UserFacingError {
  constructor(said: Wording | string) {
    super('not-found', said)
  }
}

// Only asked when a provider knows no model yet; a hung server must not hold the message forever.
const LIST_MODELS_TIMEOUT_MS = 15_000

export const NO_PROVIDER = wording('noProvider')

export class ChatTargets {
  /** First listed model per provider and base URL, for providers that know no model until asked. */
  private readonly listedFirst = new Map<string, string>()

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly settings: AppSettingsStore,
    private readonly chats: ChatStore,
  ) {}

  /**
   * A title for the chat: the model chosen for titles in Settings, else the one that wrote the first
   * answer (`answeredBy`: under Auto, routing's choice), else the chat's own.
   */
  async forTitle(chatId: string, answeredBy?: AnswerTarget): Promise<ChatTarget> {
    const titles = this.settings.get().titles
    const chosen =
      titles.mode === 'model' ? { providerId: titles.providerId, model: titles.model } : answeredBy
    if (!chosen) return this.resolve(chatId)
    const entry = this.registry.entry(chosen.providerId)
    const provider = entry?.enabled ? await this.registry.provider(entry.id) : null
    if (!provider) return this.resolve(chatId)
    return { provider, model: chosen.model, system: null, params: {} }
  }

  /**
   * A model the person chose for one answer (a column side by side): the chat's system prompt and
   * parameters, with the column's own temperature.
   */
  async forWanted(chatId: string, want: AnswerTarget): Promise<ChatTarget> {
    const entry = this.registry.entry(want.providerId)
    if (!entry) throw new NoTargetError(wording('wantedProviderGone', { model: want.model }))
    if (!entry.enabled) throw new NoTargetError(wording('wantedProviderOff', { provider: entry.name }))
    const provider = await this.registry.provider(entry.id)
    if (!provider) throw new NoTargetError(NO_PROVIDER)
    const chat = this.chats.chatSettings(chatId)
    const system = (chat?.systemPrompt ?? this.settings.get().defaultSystemPrompt).trim()
    return {
      provider,
      model: want.model,
      system: system.length > 0 ? system : null,
      params: {
        ...chat?.params,
        ...(want.temperature !== undefined && { temperature: want.temperature }),
      },
    }
  }

  /** The context window of a model, where the model's settings or its preset know it. */
  contextWindow(want: AnswerTarget): number | null {
    const entry = this.registry.entry(want.providerId)
    if (!entry) return null
    return this.registry.models(entry).find((model) => model.id === want.model)?.contextWindow ?? null
  }

  async resolve(chatId: string): Promise<ChatTarget> {
    const chat = this.chats.chatSettings(chatId)
    const app = this.settings.get()
    let entry: ProviderEntry | null
    let model: string | null
    if (chat?.providerId) {
      entry = this.registry.entry(chat.providerId)
      if (!entry) throw new NoTargetError(wording('chatProviderGone'))
      if (!entry.enabled) throw new NoTargetError(wording('chatProviderOff', { provider: entry.name }))
      model = chat.model
    } else {
      const fallback = this.defaultEntry(app.defaultProviderId)
      entry = fallback
      model = fallback && fallback.id === app.defaultProviderId ? app.defaultModel : null
    }
    if (!entry) throw new NoTargetError(NO_PROVIDER)
    const chosenModel = model ?? (await this.firstModel(entry))
    const provider = await this.registry.provider(entry.id)
    if (!provider) throw new NoTargetError(NO_PROVIDER)
    const system = (chat?.systemPrompt ?? app.defaultSystemPrompt).trim()
    return {
      provider,
      model: chosenModel,
      system: system.length > 0 ? system : null,
      params: chat?.params ?? {},
    }
  }

  private defaultEntry(defaultProviderId: string | null): ProviderEntry | null {
    const enabled = this.registry.entries().filter((entry) => entry.enabled)
    return enabled.find((entry) => entry.id === defaultProviderId) ?? enabled[0] ?? null
  }

  private async firstModel(entry: ProviderEntry): Promise<string> {
    // Keyed by address too: a provider pointed at another server may not have the same models.
    const cacheKey = `${entry.id} ${entry.baseURL}`
    const known = this.registry.models(entry)[0]?.id ?? this.listedFirst.get(cacheKey)
    if (known) return known
    const provider = await this.registry.provider(entry.id)
    const signal = AbortSignal.timeout(LIST_MODELS_TIMEOUT_MS)
    const listed = (
      await provider?.listModels(signal).catch((error: unknown) => {
        if (!signal.aborted) throw error
        throw new ProviderError(
          'timeout',
          wording('modelsListSlow', { provider: entry.name, seconds: LIST_MODELS_TIMEOUT_MS / 1000 }),
        )
      })
    )?.[0]?.id
    if (!listed) {
      throw new ProviderError('not-found', wording('noModels', { provider: entry.name }))
    }
    this.listedFirst.set(cacheKey, listed)
    return listed
  }
}
