// Waits for a free slot at the provider before the request goes anywhere, telling the person how many
// are ahead; the slot is held until the answer ends, retries included.

import { wording } from '../../../../shared/wording'
import { ProviderError, stopped } from '../../providers/provider-error'
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
        wording('queueFull', { count: error.queued, provider: target.providerName }),
      )
    }
    if (place) {
      let granted = false
      try {
        yield* waitInLine(place, request.signal)
        granted = true
      } finally {
        // Stopped while waiting, or the reader went away: give up the place (or a slot just granted).
        if (!granted) place.leave()
      }
    }
    try {
      yield* next(request)
    } finally {
      bulkheads.release(target.providerId)
    }
  }
}

async function* waitInLine(place: QueuePlace, signal: AbortSignal): AsyncGenerator<PipelineEvent> {
  // Moves and the grant arrive as callbacks; hand them to this generator one at a time. Listening
  // starts before the first event goes out, so no move is missed while the reader is busy.
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
  const onAbort = () => wake()
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    yield { type: 'queued', ahead: place.ahead }
    while (!granted) {
      if (signal.aborted) throw stopped()
      const ahead = moves.shift()
      if (ahead !== undefined) {
        yield { type: 'queued', ahead }
        continue
      }
      await new Promise<void>((resolve) => {
        wake = resolve
      })
    }
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}
