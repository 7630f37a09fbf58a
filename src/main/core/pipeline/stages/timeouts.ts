// The pipeline's own clocks, one attempt at a time: to the provider's answer (connect), from there to
// the first token, between chunks, and for the whole answer. Each is a ProviderError('timeout') that
// says which limit it was, so retry can try again before the first token. The SDK's and undici's own
// timeouts are set far beyond these and never fire first.

import { type Wording, wording } from '../../../../shared/wording'
import { ProviderError } from '../../providers/provider-error'
import { isContent, type Stage } from '../events'
import { durationWording, type RequestPolicy } from '../policy'

type Phase = 'connect' | 'first-token' | 'idle'

export function timeoutStage(policy: () => RequestPolicy): Stage {
  return async function* timeouts(request, next) {
    const limits = policy()
    const name = request.target?.providerName ?? 'The provider'
    const controller = new AbortController()
    const forward = () => controller.abort(request.signal.reason)
    if (request.signal.aborted) forward()
    request.signal.addEventListener('abort', forward, { once: true })

    let expired: ProviderError | null = null
    const expire = (error: ProviderError) => {
      expired ??= error
      controller.abort()
    }
    const message: Record<Phase, (ms: number) => Wording> = {
      connect: (ms) => wording('connectTimeout', { provider: name, wait: durationWording(ms) }),
      'first-token': (ms) => wording('firstTokenTimeout', { provider: name, wait: durationWording(ms) }),
      idle: (ms) => wording('idleTimeout', { provider: name, wait: durationWording(ms) }),
    }
    let phaseTimer = null as NodeJS.Timeout | null
    let current = 'connect' as Phase
    const enter = (phase: Phase, ms: number) => {
      if (phaseTimer) clearTimeout(phaseTimer)
      current = phase
      phaseTimer = setTimeout(() => expire(new ProviderError('timeout', message[phase](ms))), ms)
    }
    const total = setTimeout(
      () =>
        expire(
          new ProviderError(
            'timeout',
            wording('totalTimeout', { wait: durationWording(limits.totalTimeoutMs) }),
          ),
        ),
      limits.totalTimeoutMs,
    )
    enter('connect', limits.connectTimeoutMs)
    let finished = false
    try {
      for await (const event of next({ ...request, signal: controller.signal })) {
        if (expired) throw expired
        if (event.type === 'connected' && current === 'connect')
          enter('first-token', limits.firstTokenTimeoutMs)
        else if (isContent(event)) {
          // One timer pushed back by every chunk: cheaper than a new one per chunk.
          if (current === 'idle') phaseTimer?.refresh()
          else enter('idle', limits.idleTimeoutMs)
        }
        yield event
      }
      if (expired) throw expired
      finished = true
    } catch (error) {
      throw expired ?? error
    } finally {
      if (phaseTimer) clearTimeout(phaseTimer)
      clearTimeout(total)
      request.signal.removeEventListener('abort', forward)
      // Closes the underlying HTTP stream when the consumer stops early (a finished one is closed).
      if (!finished) controller.abort()
    }
  }
}
