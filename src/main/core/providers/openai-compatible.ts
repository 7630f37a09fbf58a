// The adapter for every server that speaks OpenAI's chat-completions protocol. Retries are the
// pipeline's job, so the SDK is built with maxRetries 0.
import OpenAI from 'openai'
import { ProviderError, toProviderError } from './provider-error'
import type { ChatProvider, ChatRequest, StreamEvent, TokenUsage } from './types'

export interface OpenAICompatibleConfig {
  id: string
  name: string
  baseURL: string
  /** Null for local servers that take no key. */
  apiKey: string | null
  /** The SDK's own ceiling; the pipeline's shorter timeouts are the ones meant to fire. */
  timeoutMs?: number
}

// The SDK refuses to build without a key; local servers ignore whatever is sent.
const NO_KEY = 'no-key'

export function createOpenAICompatibleProvider(config: OpenAICompatibleConfig): ChatProvider {
  const client = new OpenAI({
    apiKey: config.apiKey ?? NO_KEY,
    baseURL: config.baseURL,
    maxRetries: 0,
    timeout: config.timeoutMs ?? 10 * 60_000,
  })
  const context = (model: string | null) => ({
    providerName: config.name,
    baseURL: config.baseURL,
    model,
    apiKey: config.apiKey,
  })

  return {
    id: config.id,
    name: config.name,
    baseURL: config.baseURL,

    async *streamChat(request: ChatRequest): AsyncIterable<StreamEvent> {
      let finishReason: string | null = null
      let usage: TokenUsage | null = null
      let streaming = false
      try {
        const stream = await client.chat.completions.create(
          {
            model: request.model,
            messages: request.messages,
            stream: true,
            stream_options: { include_usage: true },
          },
          { signal: request.signal },
        )
        streaming = true
        for await (const chunk of stream) {
          const choice = chunk.choices?.[0]
          const text = choice?.delta?.content
          if (text) yield { type: 'delta', text }
          if (choice?.finish_reason) finishReason = choice.finish_reason
          if (chunk.usage) usage = { input: chunk.usage.prompt_tokens, output: chunk.usage.completion_tokens }
        }
      } catch (error) {
        const failure = toProviderError(error, context(request.model))
        // Once the 200 arrived, a network failure means the stream was cut, whatever undici calls it.
        if (streaming && failure.kind === 'unreachable') throw truncated(config.name)
        throw failure
      }
      if (request.signal.aborted) throw new ProviderError('aborted', 'The request was stopped.')
      // A stream that ends without saying why it ended was cut, whatever the transport thought.
      if (finishReason === null) {
        throw new ProviderError(
          'truncated',
          `The connection to ${config.name} closed before the answer finished.`,
        )
      }
      yield { type: 'done', finishReason, usage }
    },

    async listModels(signal?: AbortSignal): Promise<string[]> {
      try {
        const ids: string[] = []
        for await (const model of client.models.list({ signal })) ids.push(model.id)
        return ids
      } catch (error) {
        throw toProviderError(error, context(null))
      }
    },
  }
}

function truncated(providerName: string): ProviderError {
  return new ProviderError(
    'truncated',
    `The connection to ${providerName} closed before the answer finished.`,
  )
}
