// What the pipeline needs from a provider, whatever its wire protocol.
import type { MessageRole } from '../../../shared/types'

export interface ProviderMessage {
  role: MessageRole
  content: string
}

export interface ChatRequest {
  model: string
  messages: ProviderMessage[]
  signal: AbortSignal
}

export interface TokenUsage {
  input: number
  output: number
}

export type StreamEvent =
  | { type: 'delta'; text: string }
  | { type: 'done'; finishReason: string; usage: TokenUsage | null }

export interface ChatProvider {
  readonly id: string
  readonly name: string
  readonly baseURL: string
  /** Yields deltas, then exactly one `done`. Throws `ProviderError` for every failure, including a stream cut short. */
  streamChat(request: ChatRequest): AsyncIterable<StreamEvent>
  listModels(signal?: AbortSignal): Promise<string[]>
}
