import { describe, expect, it } from 'vitest'
import { describeProgress } from './AnswerStatus'
import { englishChat as t } from './english-for-tests'

describe('describeProgress', () => {
  const now = 1_000_000
  it('counts the wait for the first token in seconds', () => {
    expect(
      describeProgress(
        { phase: 'waiting', provider: 'OpenAI', attempt: 1, of: 3, since: now - 4_200 },
        now,
        t,
      ),
    ).toBe('Waiting for the first token… 4 s')
  })

  it('says who rate limits, when the next attempt comes and which one it is', () => {
    expect(
      describeProgress(
        {
          phase: 'retrying',
          provider: 'OpenAI',
          attempt: 2,
          of: 3,
          retryAt: now + 2_100,
          reason: 'rate-limited',
          message: '',
        },
        now,
        t,
      ),
    ).toBe('Rate limited by OpenAI. Retrying in 3 s (attempt 2 of 3)')
    expect(
      describeProgress(
        {
          phase: 'retrying',
          provider: 'Groq',
          attempt: 3,
          of: 3,
          retryAt: now + 500,
          reason: 'server',
          message: '',
        },
        now,
        t,
      ),
    ).toBe('Groq had a problem. Retrying in 1 s (attempt 3 of 3)')
  })

  it('says how many are ahead in the queue, and connecting', () => {
    expect(describeProgress({ phase: 'queued', provider: 'Ollama', ahead: 2 }, now, t)).toBe(
      'Queued (2 ahead)',
    )
    expect(
      describeProgress({ phase: 'connecting', provider: 'Ollama', attempt: 1, of: 3, since: now }, now, t),
    ).toBe('Connecting to Ollama…')
  })
})
