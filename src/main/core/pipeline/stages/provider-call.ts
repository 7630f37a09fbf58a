// The end of the pipeline: the chosen provider's stream, in the pipeline's words.
import { stopped } from '../../providers/provider-error'
import type { Next } from '../events'

export const callProvider: Next = async function* provider(request) {
  const target = request.target
  if (!target) throw new Error('the pipeline reached the provider without a target')
  if (request.signal.aborted) throw stopped()
  const stream = target.provider.streamChat({
    model: target.model,
    messages: request.messages,
    system: request.system,
    params: request.params,
    headers: request.headers,
    signal: request.signal,
  })
  for await (const event of stream) {
    switch (event.type) {
      case 'open':
        yield { type: 'connected' }
        break
      case 'delta':
      case 'thinking':
      case 'tool-call':
        yield event
        break
      case 'done':
        if (event.usage) yield { type: 'usage', usage: event.usage }
        yield { type: 'finish', reason: event.finishReason }
        break
    }
  }
}
