// The request pipeline every chat request goes through. Stages are small functions composed here; the
// router, context window, cache and breaker stages slot in front of `retryBeforeFirstEvent` as they land.
import type { GenerationParams } from '../../../shared/providers'
import type { ChatProvider, ProviderMessage, StreamEvent } from '../providers/types'
import { type AttemptReport, defaultRetryPolicy, type RetryPolicy, retryBeforeFirstEvent } from './retry'

export interface PipelineRequest {
  provider: ChatProvider
  model: string
  messages: ProviderMessage[]
  system?: string | null
  params?: GenerationParams
  signal: AbortSignal
}

export interface PipelineOptions {
  retry?: RetryPolicy
  onFailedAttempt?: (report: AttemptReport) => void
}

export function runChatPipeline(
  request: PipelineRequest,
  options: PipelineOptions = {},
): AsyncGenerator<StreamEvent> {
  const { provider, model, messages, system, params } = request
  return retryBeforeFirstEvent(
    (signal) =>
      provider.streamChat({ model, messages, system: system ?? null, params: params ?? {}, signal }),
    request.signal,
    options.retry ?? defaultRetryPolicy,
    options.onFailedAttempt,
  )
}
