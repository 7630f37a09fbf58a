/**
 * How an answer ended, in the app's words: stop, length, content-filter, refusal, tool-call:<names>,
 * empty (a normal stop with nothing said), reasoning-only (the budget went to thinking).
 */
export function endingOf(
  providerReason: string,
  answer: { content: string; thinking: string; tools: readonly string[]; reasoningTokens?: number },
): string {
  if (answer.tools.length > 0) return `tool-call:${answer.tools.join(',')}`
  const reason = PROVIDER_REASONS[providerReason] ?? 'stop'
  const said = answer.content.trim().length > 0
  // Reasoning the model showed, or (OpenAI's reasoning models) only counted in the usage.
  const thought = answer.thinking.trim().length > 0 || (answer.reasoningTokens ?? 0) > 0
  if (reason === 'length' && !said && thought) return 'reasoning-only'
  if (reason === 'stop' && !said) return 'empty'
  return reason
}

// Both wire protocols' words for why an answer ended.
const PROVIDER_REASONS: Record<string, string> = {
  stop: 'stop',
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  length: 'length',
  max_tokens: 'length',
  content_filter: 'content-filter',
  refusal: 'refusal',
  tool_calls: 'tool-call',
  function_call: 'tool-call',
  tool_use: 'tool-call',
}
