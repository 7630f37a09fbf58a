// The adapter for every server that speaks OpenAI's chat-completions protocol, Azure OpenAI included
// (same wire format, different addressing). Retries are the pipeline's job: the SDK gets maxRetries 0.
import OpenAI, { AzureOpenAI } from 'openai'
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions'
import { errorContext, stopped, streamCutShort, toProviderError } from './provider-error'
import type {
  ChatProvider,
  ChatRequest,
  ListedModel,
  ProviderConnection,
  StreamEvent,
  TokenUsage,
} from './types'

// The SDK refuses to build without a key; local servers ignore whatever is sent.
const NO_KEY = 'no-key'
const OPENAI_HOST = 'api.openai.com'
// Fields OpenAI-compatible servers use for visible reasoning (DeepSeek, vLLM, LM Studio; OpenRouter).
const REASONING_FIELDS = ['reasoning_content', 'reasoning']

export function createOpenAICompatibleProvider(connection: ProviderConnection): ChatProvider {
  const client = buildClient(connection)
  const reasoningFields = connection.reasoningField
    ? [connection.reasoningField, ...REASONING_FIELDS.filter((f) => f !== connection.reasoningField)]
    : REASONING_FIELDS

  return {
    id: connection.id,
    name: connection.name,
    baseURL: connection.baseURL,

    async *streamChat(request: ChatRequest): AsyncIterable<StreamEvent> {
      let finishReason: string | null = null
      let usage: TokenUsage | null = null
      let streaming = false
      let refused = false
      const tools = new Map<number, string>()
      try {
        const stream = await client.chat.completions.create(requestBody(connection, request), {
          signal: request.signal,
          ...(request.headers && { headers: request.headers }),
        })
        streaming = true
        yield { type: 'open' }
        for await (const chunk of stream) {
          const choice = chunk.choices?.[0]
          const delta = choice?.delta as Record<string, unknown> | undefined
          const thinking = reasoningFields
            .map((field) => delta?.[field])
            .find((v) => typeof v === 'string' && v)
          if (typeof thinking === 'string') yield { type: 'thinking', text: thinking }
          const text = choice?.delta?.content
          if (text) yield { type: 'delta', text }
          // A refusal streams in its own field; it is the answer, marked as a refusal.
          const refusal = choice?.delta?.refusal
          if (refusal) {
            refused = true
            yield { type: 'delta', text: refusal }
          }
          for (const call of choice?.delta?.tool_calls ?? []) {
            const name = call.function?.name
            if (name && !tools.has(call.index)) {
              tools.set(call.index, name)
              yield { type: 'tool-call', name }
            }
          }
          if (choice?.finish_reason) finishReason = choice.finish_reason
          // Usage comes on its own chunk with empty choices (include_usage), or on any chunk: the last wins.
          if (chunk.usage) usage = usageOf(chunk.usage)
        }
      } catch (error) {
        const failure = toProviderError(error, errorContext(connection, request.model))
        // Once the 200 arrived, a network failure means the stream was cut, whatever undici calls it.
        if (streaming && failure.kind === 'unreachable') throw streamCutShort(connection.name)
        throw failure
      }
      if (request.signal.aborted) throw stopped()
      // A stream that ends without saying why it ended was cut, whatever the transport thought.
      if (finishReason === null) throw streamCutShort(connection.name)
      yield { type: 'done', finishReason: refused ? 'refusal' : finishReason, usage }
    },

    async listModels(signal?: AbortSignal): Promise<ListedModel[]> {
      try {
        const models: ListedModel[] = []
        for await (const model of client.models.list({ signal })) {
          const extra = model as unknown as { context_length?: unknown; name?: unknown }
          models.push({
            id: model.id,
            displayName: typeof extra.name === 'string' ? extra.name : null,
            // OpenRouter reports context_length; OpenAI itself reports none.
            contextWindow: typeof extra.context_length === 'number' ? extra.context_length : null,
          })
        }
        // Azure lists its base models, not deployments: what a chat addresses is the deployment.
        if (connection.azure)
          return [{ id: connection.azure.deployment, displayName: null, contextWindow: null }]
        return models
      } catch (error) {
        throw toProviderError(error, errorContext(connection, null))
      }
    },
  }
}

function usageOf(usage: {
  prompt_tokens: number
  completion_tokens: number
  prompt_tokens_details?: { cached_tokens?: number } | null
  completion_tokens_details?: { reasoning_tokens?: number } | null
}): TokenUsage {
  const cached = usage.prompt_tokens_details?.cached_tokens
  const reasoning = usage.completion_tokens_details?.reasoning_tokens
  return {
    input: usage.prompt_tokens,
    output: usage.completion_tokens,
    ...(typeof cached === 'number' && { cacheRead: cached }),
    ...(typeof reasoning === 'number' && reasoning > 0 && { reasoning }),
  }
}

function buildClient(connection: ProviderConnection): OpenAI {
  const common = {
    apiKey: connection.apiKey ?? NO_KEY,
    maxRetries: 0,
    timeout: connection.timeoutMs ?? 10 * 60_000,
    defaultHeaders: connection.headers ?? {},
    ...(connection.fetch && { fetch: connection.fetch }),
  }
  if (connection.azure) {
    return new AzureOpenAI({
      ...common,
      endpoint: connection.baseURL,
      deployment: connection.azure.deployment,
      apiVersion: connection.azure.apiVersion,
    })
  }
  return new OpenAI({ ...common, baseURL: connection.baseURL })
}

function requestBody(
  connection: ProviderConnection,
  request: ChatRequest,
): ChatCompletionCreateParamsStreaming {
  const { params = {} } = request
  const messages: ChatCompletionCreateParamsStreaming['messages'] = request.system
    ? [{ role: 'system', content: request.system }, ...request.messages]
    : [...request.messages]
  // OpenAI's own API wants max_completion_tokens (reasoning models reject max_tokens); compatible
  // servers mostly know only max_tokens.
  const officialOpenAI = connection.azure !== undefined || hostOf(connection.baseURL) === OPENAI_HOST
  return {
    model: request.model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    ...(params.temperature !== undefined && { temperature: params.temperature }),
    ...(params.topP !== undefined && { top_p: params.topP }),
    ...(params.maxTokens !== undefined &&
      (officialOpenAI ? { max_completion_tokens: params.maxTokens } : { max_tokens: params.maxTokens })),
    ...(params.reasoningEffort !== undefined && { reasoning_effort: params.reasoningEffort }),
  }
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host
  } catch {
    return null
  }
}
