import type { Trace } from '../../../../shared/types'
import { log } from '../../log/log'
import { type PricesOf, TraceBuilder } from '../../traces/trace-builder'
import type { Stage } from '../events'

/**
 * Outermost: sees every event of a request, from the model chosen to the last token, and hands the
 * finished trace on. It only watches; nothing it does can change or fail the answer.
 */
export function traceStage(record: (trace: Trace) => void, pricesOf: PricesOf): Stage {
  return async function* trace(request, next) {
    const builder = new TraceBuilder(request, pricesOf)
    const finish = (outcome: Parameters<TraceBuilder['end']>[0]) => {
      try {
        const done = builder.end(outcome)
        if (done) record(done)
      } catch (error) {
        log.error('could not record a trace:', error)
      }
    }
    let completed = false
    try {
      for await (const event of next(request)) {
        builder.observe(event)
        yield event
      }
      completed = true
      finish({})
    } catch (failure) {
      finish({ failure })
      throw failure
    } finally {
      // The reader stopped early (the person stopped, or the app closes): the request was cut short.
      if (!completed) finish({ returnedEarly: true })
    }
  }
}
