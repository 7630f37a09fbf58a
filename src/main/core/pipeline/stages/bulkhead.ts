// Waits for a free slot at the provider before the request goes anywhere, telling the person how many
// are ahead; the slot is held until the answer ends, retries included.
import { ProviderError } from '../../providers/provider-error'
import { type Bulkheads, QueueFullError, type QueuePlace } from '../bulkhead'
import type { PipelineEvent, Stage } from '../events'

export function bulkheadStage(bulkheads: Bulkheads): Stage {
  return async function* bulkhead(request, next) {
    const target = request.target
    if (!target) throw new Error('the bulkhead stage needs a target')
    let place: QueuePlace | null
    try {
      place = bulkheads.enter(target.providerId)
    } catch (error) {
      if (!(error instanceof QueueFullError)) throw error
      throw new ProviderError(
        'queue-full',
        `${error.queued} requests are already waiting for ${target.providerName}. Try again when some have finished.`,
      )
    }
    if (place) yield* waitInLine(place, request.signal)
    try {
      yield* next(request)
    } finally {
      bulkheads.release(target.providerId)
    }
  }
}

async function* waitInLine(place: QueuePlace, signal: AbortSignal): AsyncGenerator<PipelineEvent> {
  yield { type: 'queued', ahead: place.ahead }
  // Moves and the grant arrive as callbacks; hand them to this generator one at a time.
  const moves: number[] = []
  let wake: () => void = () => {}
  place.onMove((ahead) => {
    moves.push(ahead)
    wake()
  })
  let granted = false
  void place.granted.then(() => {
    granted = true
    wake()
  })
  const stopped = new Promise<void>((resolve) => {
    if (signal.aborted) resolve()
    signal.addEventListener('abort', () => resolve(), { once: true })
  })
  while (!granted) {
    if (signal.aborted) {
      place.leave()
      throw new ProviderError('aborted', 'The request was stopped.')
    }
    const ahead = moves.shift()
    if (ahead !== undefined) {
      yield { type: 'queued', ahead }
      continue
    }
    await Promise.race([
      new Promise<void>((resolve) => {
        wake = resolve
      }),
      stopped,
    ])
  }
}
