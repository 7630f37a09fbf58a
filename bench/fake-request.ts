// The quickest request there is, the baseline several benchmarks print beside their figure: one
// streamed chat request to the fake provider on loopback (real HTTP and SSE), read to its end.
import { performance } from 'node:perf_hooks'
import { startFakeProvider } from '../test/fake-provider/server'

/** `rounds` request times in ms, after three that warm the connection and the JIT. */
export async function streamedRequestTimes(rounds: number): Promise<number[]> {
  const fake = await startFakeProvider({ validate: false })
  const times: number[] = []
  try {
    for (let i = 0; i < rounds + 3; i++) {
      const start = performance.now()
      const response = await fetch(`${fake.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          model: 'fake-small',
          stream: true,
          messages: [{ role: 'user', content: 'Hello' }],
        }),
      })
      await response.text()
      if (i >= 3) times.push(performance.now() - start)
    }
  } finally {
    await fake.close()
  }
  return times
}
