// What the pipeline needs from a provider, whatever its wire protocol.
import type { GenerationParams, WireProtocol } from '../../../shared/providers'
import type { MessageRole } from '../../../shared/types'

export interface ProviderMessage {
  role: Exclude<MessageRole, 'system'>
  content: string
}

export interface ChatRequest {
  model: string
  /** The conversation, oldest first, without the system prompt. */
  messages: ProviderMessage[]
  system?: string | null
  params?: GenerationParams
  /** Headers a pipeline stage adds to this one request. */
  headers?: Record<string, string>
  signal: AbortSignal
}

export interface TokenUsage {
  input: number
  output: number
  /** Prompt tokens served from, or written to, the provider's prompt cache, where it says. */
  cacheRead?: number
  cacheWrite?: number
  /** Output tokens spent on reasoning the provider did not show (OpenAI's reasoning models). */
  reasoning?: number
}

export type StreamEvent =
  /** The provider accepted the request (response headers arrived); text may take a while yet. */
  | { type: 'open' }
  | { type: 'delta'; text: string }
  /** Reasoning the model shows before answering (Anthropic thinking, DeepSeek reasoning_content). */
  | { type: 'thinking'; text: string }
  /** The model asked to call a tool (Roundtable offers none yet): said, never dropped silently. */
  | { type: 'tool-call'; name: string }
  | { type: 'done'; finishReason: string; usage: TokenUsage | null }

export interface ListedModel {
  id: string
  displayName: string | null
  contextWindow: number | null
}

export interface ChatProvider {
  readonly id: string
  readonly name: string
  readonly baseURL: string
  /** Yields `open`, deltas, then exactly one `done`. Throws `ProviderError` for every failure, including a stream cut short. */
  streamChat(request: ChatRequest): AsyncIterable<StreamEvent>
  listModels(signal?: AbortSignal): Promise<ListedModel[]>
}

/** Everything needed to talk to one configured provider. Built in the main process; never sent anywhere. */
export interface ProviderConnection {
  id: string
  name: string
  protocol: WireProtocol
  baseURL: string
  /** Null for servers that take no key (Ollama, LM Studio). */
  apiKey: string | null
  /** Extra request headers from the provider's settings. */
  headers?: Record<string, string>
  /** Azure OpenAI only. */
  azure?: { deployment: string; apiVersion: string }
  /** Where the provider's answer puts its reasoning, for OpenAI-compatible servers that show it. */
  reasoningField?: string
  /** The fetch to use: carries the proxy settings. Defaults to the global fetch. */
  fetch?: typeof fetch
  /** The SDK's own ceiling; the pipeline's shorter timeouts are the ones meant to fire. */
  timeoutMs?: number
}
