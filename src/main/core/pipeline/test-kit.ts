// Small helpers for the stage tests: a scripted downstream and a collector.
import type { ChatProvider } from '../providers/types'
import type { Next, PipelineEvent, PipelineRequest } from './events'

export function request(overrides: Partial<PipelineRequest> = {}): PipelineRequest {
  return {
    chatId: 'c1',
    messages: [{ role: 'user', content: 'hi' }],
    system: null,
    params: {},
    target: { providerId: 'p1', providerName: 'Fake', model: 'm1', provider: {} as ChatProvider },
    headers: {},
    signal: new AbortController().signal,
    ...overrides,
  }
}

export const answer = (text = 'Hello'): PipelineEvent[] => [
  { type: 'connected' },
  { type: 'delta', text },
  { type: 'finish', reason: 'stop' },
]

/** A downstream that plays one script per call: events, then optionally a failure. */
export function scripted(...scripts: Array<{ events?: PipelineEvent[]; fail?: unknown }>) {
  const calls: PipelineRequest[] = []
  const next: Next = async function* (req) {
    const script = scripts[calls.length] ?? scripts.at(-1) ?? {}
    calls.push(req)
    for (const event of script.events ?? []) yield event
    if (script.fail) throw script.fail
  }
  return { next, calls }
}

export async function run(
  source: AsyncIterable<PipelineEvent>,
): Promise<{ events: PipelineEvent[]; error: unknown }> {
  const events: PipelineEvent[] = []
  try {
    for await (const event of source) events.push(event)
    return { events, error: null }
  } catch (error) {
    return { events, error }
  }
}
