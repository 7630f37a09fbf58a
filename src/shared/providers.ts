import type { ContextStrategy, SummarySettings } from './context'
import type { LanguageSetting } from './language'
import type { Wording } from './wording'
// Providers as data: the wire protocols we speak, the presets a person picks from, and the views of
// providers, models and settings the renderer sees. A preset is configuration, not code: one adapter
// per protocol serves every vendor that speaks it.

export type WireProtocol = 'openai' | 'anthropic' | 'azure-openai'
export type ReasoningEffort = 'low' | 'medium' | 'high'
export type SecretBackend = 'keychain' | 'safe-storage' | 'memory'

export interface GenerationParams {
  temperature?: number
  topP?: number
  maxTokens?: number
  reasoningEffort?: ReasoningEffort
}

export interface ModelInfo {
  id: string
  displayName: string | null
  contextWindow: number | null
  maxOutputTokens: number | null
  /** US dollars per million tokens. */
  inputPrice: number | null
  outputPrice: number | null
  vision: boolean
  reasoning: boolean
  /** Listed by the provider, typed in by the person, or known to the preset. */
  source: 'listed' | 'manual' | 'preset'
  /** A listed model the person changed: a refresh of the list keeps the change. */
  edited?: true
}

export type KeyState =
  | { kind: 'not-set' }
  | { kind: 'from-environment'; variable: string; lastFour: string }
  | { kind: 'stored'; backend: SecretBackend; lastFour: string }
  /** A saved key that belongs to another server than the base URL now names: it is not sent. */
  | { kind: 'saved-for-other-server'; savedFor: string; backend: SecretBackend; lastFour: string }

export interface AzureOptions {
  deployment: string
  apiVersion: string
}

export interface ProviderView {
  id: string
  name: string
  preset: PresetId
  protocol: WireProtocol
  baseURL: string
  headers: Record<string, string>
  azure: AzureOptions | null
  enabled: boolean
  /** Defined in Settings, or read from environment variables (then read-only here). */
  origin: 'settings' | 'environment'
  key: KeyState
  needsKey: boolean
  models: ModelInfo[]
  modelsFetchedAt: number | null
  /** Requests sent at once (more wait in line); null: the default of 4. */
  maxConcurrent: number | null
  /** Things to know, as wordings: e.g. a key sent over plain http to another machine. */
  warnings: Wording[]
}

export type ProxySettings =
  | { mode: 'system' }
  | { mode: 'none' }
  | { mode: 'custom'; url: string; bypass: string[] }

/** How hard a request tries and how long it waits: the Requests section of Settings. */
export interface RequestSettings {
  /** Attempts in all, the first included (1 to 10). */
  maxAttempts: number
  /** Until the provider answers the request. */
  connectTimeoutSeconds: number
  /** From then until the first token (reasoning models think first). */
  firstTokenTimeoutSeconds: number
  /** Silence between two chunks of an answer. */
  idleTimeoutSeconds: number
  /** The whole answer. */
  totalTimeoutMinutes: number
}

export const DEFAULT_REQUEST_SETTINGS: RequestSettings = {
  maxAttempts: 3,
  connectTimeoutSeconds: 30,
  firstTokenTimeoutSeconds: 300,
  idleTimeoutSeconds: 300,
  totalTimeoutMinutes: 30,
}

export const REQUEST_SETTING_LIMITS: Record<keyof RequestSettings, { min: number; max: number }> = {
  maxAttempts: { min: 1, max: 10 },
  connectTimeoutSeconds: { min: 1, max: 600 },
  firstTokenTimeoutSeconds: { min: 1, max: 3_600 },
  idleTimeoutSeconds: { min: 1, max: 3_600 },
  totalTimeoutMinutes: { min: 1, max: 600 },
}

/** Who names a new chat once its first answer is in: its own model, a chosen one, or nobody. */
export type TitleSettings =
  | { mode: 'chat-model' }
  | { mode: 'model'; providerId: string; model: string }
  | { mode: 'off' }

export interface AppSettings {
  defaultProviderId: string | null
  defaultModel: string | null
  defaultSystemPrompt: string
  proxy: ProxySettings
  requests: RequestSettings
  titles: TitleSettings
  /** Who summarizes what falls out of a chat's window (Summarize older messages). */
  summaries: SummarySettings
  cache: CacheSettings
  traces: TraceSettings
  temporaryChats: TemporaryChatSettings
  /** The words of the app and its menus: 'system' follows the computer. */
  language: LanguageSetting
}

/** The response cache: how long an answer is kept, and how much room all of them may take. */
export interface CacheSettings {
  ttlDays: number
  maxMegabytes: number
}

export interface TraceSettings {
  /** Traces older than this are pruned in the background. */
  retentionDays: number
}

/** What Settings shows of the response cache; hits and lookups count since Roundtable opened its data file. */
export interface CacheStats {
  bytes: number
  entries: number
  hits: number
  lookups: number
}

export const DEFAULT_CACHE_SETTINGS: CacheSettings = { ttlDays: 7, maxMegabytes: 200 }
export const DEFAULT_TRACE_SETTINGS: TraceSettings = { retentionDays: 90 }
export const CACHE_SETTING_LIMITS: Record<keyof CacheSettings, { min: number; max: number }> = {
  ttlDays: { min: 1, max: 365 },
  maxMegabytes: { min: 1, max: 10_000 },
}
export const TRACE_RETENTION_LIMITS = { min: 1, max: 3_650 }

/** How long a temporary chat lasts from its start; then it is deleted with its cache entries and trace text. */
export interface TemporaryChatSettings {
  hours: number
}
export const DEFAULT_TEMPORARY_CHAT_SETTINGS: TemporaryChatSettings = { hours: 24 }
/** From an hour to 30 days. */
export const TEMPORARY_CHAT_HOURS_LIMITS = { min: 1, max: 720 }

/** Per chat: never cache, cache deterministic requests (temperature 0), or cache every request. */
export type CacheMode = 'off' | 'auto' | 'always'
export const CACHE_MODES: readonly CacheMode[] = ['off', 'auto', 'always']

export interface ChatSettings {
  providerId: string | null
  model: string | null
  /** Null: use the default system prompt. */
  systemPrompt: string | null
  params: GenerationParams
  /** Whether this chat's answers may come from, and go to, the response cache. */
  cacheMode: CacheMode
  /** Auto: the routing profile that picks each answer's model; null: the provider and model above. */
  routingProfileId: string | null
  /** How a conversation longer than the model's window is kept within it. */
  contextStrategy: ContextStrategy
}

export type ConnectionFailure = 'dns' | 'tls' | 'refused' | 'timeout' | 'auth' | 'not-found' | 'other'

export type ConnectionTest =
  | { ok: true; models: ModelInfo[] }
  | { ok: false; reason: ConnectionFailure; message: string; wording?: Wording }

export interface KeyStorageStatus {
  backend: SecretBackend
  /** Why keys are only kept for this run, when they are (English). */
  warning: string | null
  /** The same, in the page's language. */
  warningWording?: Wording | null
}

export const PRESET_IDS = [
  'openai',
  'anthropic',
  'gemini',
  'ollama',
  'lmstudio',
  'openrouter',
  'deepseek',
  'huggingface',
  'azure-openai',
  'custom',
] as const

export type PresetId = (typeof PRESET_IDS)[number]

export interface ProviderPreset {
  id: PresetId
  label: string
  protocol: WireProtocol
  /** Empty where the person must supply it (Azure, custom). */
  baseURL: string
  needsKey: boolean
  /** The environment variable a key is read from (never written). */
  keyVariable: string | null
  /** An environment variable that overrides the base URL of the provider defined from the environment. */
  baseURLVariable: string | null
  /** The field an OpenAI-compatible server puts visible reasoning in. */
  reasoningField?: string
  models: ModelInfo[]
}

function known(
  id: string,
  displayName: string,
  contextWindow: number,
  maxOutputTokens: number | null,
  prices: [number, number] | null,
  flags: { vision?: boolean; reasoning?: boolean } = {},
): ModelInfo {
  return {
    id,
    displayName,
    contextWindow,
    maxOutputTokens,
    inputPrice: prices?.[0] ?? null,
    outputPrice: prices?.[1] ?? null,
    vision: flags.vision ?? false,
    reasoning: flags.reasoning ?? false,
    source: 'preset',
  }
}

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    protocol: 'openai',
    baseURL: 'https://api.openai.com/v1',
    needsKey: true,
    keyVariable: 'OPENAI_API_KEY',
    baseURLVariable: 'OPENAI_BASE_URL',
    models: [
      known('gpt-4o', 'GPT-4o', 128_000, 16_384, [2.5, 10], { vision: true }),
      known('gpt-4o-mini', 'GPT-4o mini', 128_000, 16_384, [0.15, 0.6], { vision: true }),
      known('o3-mini', 'o3-mini', 200_000, 100_000, [1.1, 4.4], { reasoning: true }),
    ],
  },
  {
    id: 'anthropic',
    label: 'Anthropic',
    protocol: 'anthropic',
    baseURL: 'https://api.anthropic.com',
    needsKey: true,
    keyVariable: 'ANTHROPIC_API_KEY',
    baseURLVariable: 'ANTHROPIC_BASE_URL',
    models: [
      known('claude-sonnet-4-20250514', 'Claude Sonnet 4', 200_000, 64_000, [3, 15], {
        vision: true,
        reasoning: true,
      }),
      known('claude-3-5-haiku-20241022', 'Claude Haiku 3.5', 200_000, 8_192, [0.8, 4], { vision: true }),
    ],
  },
  {
    id: 'gemini',
    label: 'Google Gemini',
    protocol: 'openai',
    baseURL: 'https://generativelanguage.googleapis.com/v1beta/openai',
    needsKey: true,
    keyVariable: 'GEMINI_API_KEY',
    baseURLVariable: null,
    models: [
      known('gemini-2.0-flash', 'Gemini 2.0 Flash', 1_048_576, 8_192, [0.1, 0.4], { vision: true }),
      known('gemini-2.5-pro', 'Gemini 2.5 Pro', 1_048_576, 65_536, [1.25, 10], {
        vision: true,
        reasoning: true,
      }),
    ],
  },
  {
    id: 'ollama',
    label: 'Ollama (local)',
    protocol: 'openai',
    baseURL: 'http://127.0.0.1:11434/v1',
    needsKey: false,
    keyVariable: null,
    baseURLVariable: null,
    models: [],
  },
  {
    id: 'lmstudio',
    label: 'LM Studio (local)',
    protocol: 'openai',
    baseURL: 'http://127.0.0.1:1234/v1',
    needsKey: false,
    keyVariable: null,
    baseURLVariable: null,
    models: [],
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    protocol: 'openai',
    baseURL: 'https://openrouter.ai/api/v1',
    needsKey: true,
    keyVariable: 'OPENROUTER_API_KEY',
    baseURLVariable: null,
    models: [],
  },
  {
    id: 'deepseek',
    label: 'DeepSeek',
    protocol: 'openai',
    baseURL: 'https://api.deepseek.com/v1',
    needsKey: true,
    keyVariable: 'DEEPSEEK_API_KEY',
    baseURLVariable: null,
    reasoningField: 'reasoning_content',
    models: [
      known('deepseek-chat', 'DeepSeek Chat', 64_000, 8_192, [0.27, 1.1]),
      known('deepseek-reasoner', 'DeepSeek Reasoner', 64_000, 8_192, [0.55, 2.19], { reasoning: true }),
    ],
  },
  {
    id: 'huggingface',
    label: 'Hugging Face',
    protocol: 'openai',
    baseURL: 'https://router.huggingface.co/v1',
    needsKey: true,
    keyVariable: 'HF_TOKEN',
    baseURLVariable: null,
    models: [],
  },
  {
    id: 'azure-openai',
    label: 'Azure OpenAI',
    protocol: 'azure-openai',
    baseURL: '',
    needsKey: true,
    keyVariable: 'AZURE_OPENAI_API_KEY',
    baseURLVariable: 'AZURE_OPENAI_ENDPOINT',
    models: [],
  },
  {
    id: 'custom',
    label: 'Custom (OpenAI-compatible)',
    protocol: 'openai',
    baseURL: '',
    needsKey: false,
    keyVariable: null,
    baseURLVariable: null,
    models: [],
  },
]

/** A server on this computer that Roundtable knows how to add in one click. */
export type LocalServerKind = Extract<PresetId, 'ollama' | 'lmstudio'>

/** A local server that answered on its usual port (or the one tests point at). */
export interface LocalServer {
  kind: LocalServerKind
  /** What the provider is called when added: "Ollama", "LM Studio". */
  name: string
  preset: LocalServerKind
  /** Where it answered: its OpenAI-compatible base URL. */
  baseURL: string
  /** How many models it listed. */
  models: number
}

export const DEFAULT_AZURE_API_VERSION = '2024-10-21'

export function presetById(id: PresetId): ProviderPreset {
  const preset = PROVIDER_PRESETS.find((p) => p.id === id)
  if (!preset) throw new Error(`unknown preset ${id}`)
  return preset
}
