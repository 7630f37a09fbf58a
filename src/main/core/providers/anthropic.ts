// The adapter for Anthropic's Messages API (and servers that speak it). Thinking blocks become
// `thinking` events, shown collapsed by the renderer. Retries are the pipeline's: maxRetries 0.
import Anthropic from '@anthropic-ai/sdk'
import type { MessageCreateParamsStreaming } from '@anthropic-ai/sdk/resources/messages'
import type { ReasoningEffort } from '../../../shared/providers'
import { errorContext, stopped, streamCutShort, toProviderError } from './provider-error'
import type {
  ChatProvider,
  ChatRequest,
  ListedModel,
  ProviderConnection,
  StreamEvent,
  TokenUsage,
} from './types'

// The Messages API requires max_tokens; this is what is asked for when the person set no limit.
const DEFAULT_MAX_TOKENS = 4_096
const THINKING_BUDGET: Record<ReasoningEffort, number> = { low: 1_024, medium: 4_096, high: 16_000 }
/** Shown in the thinking section for a redacted_thinking block. */
export const REDACTED_NOTE = '[Part of the reasoning is hidden: Anthropic redacted it.]\n'

export function createAnthropicProvider(connection: ProviderConnection): ChatProvider {
  const client = new Anthropic({
    apiKey: connection.apiKey ?? 'no-key',
    baseURL: connection.baseURL,
    maxRetries: 0,
    timeout: connection.timeoutMs ?? 10 * 60_000,
    defaultHeaders: connection.headers ?? {},
    ...(connection.fetch && { fetch: connection.fetch }),
  })

  return {
    id: connection.id,
    name: connection.name,
    baseURL: connection.baseURL,

    async *streamChat(request: ChatRequest): AsyncIterable<StreamEvent> {
      let stopReason: string | null = null
      let ended = false
      const usage: TokenUsage = { input: 0, output: 0 }
      let streaming = false
      try {
        const stream = await client.messages.create(requestBody(request), {
          signal: request.signal,
          ...(request.headers && { headers: request.headers }),
        })
        streaming = true
        yield { type: 'open' }
        for await (const event of stream) {
          switch (event.type) {
            case 'message_start':
              usage.input = event.message.usage.input_tokens
              break
            case 'content_block_start':
              if (event.content_block.type === 'tool_use')
                yield { type: 'tool-call', name: event.content_block.name }
              // Encrypted reasoning: nothing to show, but the person is told it was there.
              else if (event.content_block.type === 'redacted_thinking')
                yield { type: 'thinking', text: REDACTED_NOTE }
              break
            case 'content_block_delta':
              if (event.delta.type === 'text_delta' && event.delta.text)
                yield { type: 'delta', text: event.delta.text }
              else if (event.delta.type === 'thinking_delta' && event.delta.thinking) {
                yield { type: 'thinking', text: event.delta.thinking }
              }
              break
            case 'message_delta': {
              if (event.delta.stop_reason) stopReason = event.delta.stop_reason
              // Cumulative: the last message_delta has the final counts, and may revise the input.
              const final = event.usage as typeof event.usage & {
                input_tokens?: number | null
                cache_read_input_tokens?: number | null
                cache_creation_input_tokens?: number | null
              }
              usage.output = final.output_tokens
              if (typeof final.input_tokens === 'number') usage.input = final.input_tokens
              if (typeof final.cache_read_input_tokens === 'number')
                usage.cacheRead = final.cache_read_input_tokens
              if (typeof final.cache_creation_input_tokens === 'number')
                usage.cacheWrite = final.cache_creation_input_tokens
              break
            }
            case 'message_stop':
              ended = true
              break
          }
        }
      } catch (error) {
        const failure = toProviderError(error, errorContext(connection, request.model))
        if (streaming && failure.kind === 'unreachable') throw streamCutShort(connection.name)
        throw failure
      }
      if (request.signal.aborted) throw stopped()
      // Without message_stop the stream was cut, even if the connection closed politely.
      if (!ended) throw streamCutShort(connection.name)
      yield { type: 'done', finishReason: stopReason ?? 'end_turn', usage }
    },

    async listModels(signal?: AbortSignal): Promise<ListedModel[]> {
      try {
        const models: ListedModel[] = []
        for await (const model of client.models.list({}, { signal })) {
          models.push({ id: model.id, displayName: model.display_name ?? null, contextWindow: null })
        }
        return models
      } catch (error) {
        throw toProviderError(error, errorContext(connection, null))
      }
    },
  }
}

function requestBody(request: ChatRequest): MessageCreateParamsStreaming {
  const { params = {} } = request
  const budget = params.reasoningEffort ? THINKING_BUDGET[params.reasoningEffort] : null
  // max_tokens must leave room for the thinking budget.
  const maxTokens = Math.max(params.maxTokens ?? DEFAULT_MAX_TOKENS, budget === null ? 1 : budget + 1_024)
  return {
    model: request.model,
    max_tokens: maxTokens,
    messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
    stream: true,
    ...(request.system && { system: request.system }),
    ...(budget !== null
      ? // With thinking on, the API refuses a custom temperature or top_p.
        { thinking: { type: 'enabled' as const, budget_tokens: budget } }
      : {
          // Anthropic takes 0 to 1; the app offers 0 to 2 (the OpenAI range): above 1 means "as varied as it goes".
          ...(params.temperature !== undefined && { temperature: Math.min(params.temperature, 1) }),
          ...(params.topP !== undefined && { top_p: params.topP }),
        }),
  }
}
