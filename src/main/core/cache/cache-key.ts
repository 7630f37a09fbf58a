// The response cache's key: a SHA-256 over a canonical JSON of everything that changes an answer, and
// nothing that does not. Pure, so the same request always hashes the same, in any process.
import { createHash } from 'node:crypto'
import type { GenerationParams } from '../../../shared/providers'
import type { ProviderMessage } from '../providers/types'

export interface CacheKeyInput {
  providerId: string
  /** The server the provider talks to: the same provider pointed at another server is another source. */
  baseURL: string
  model: string
  system: string | null
  messages: readonly ProviderMessage[]
  params: GenerationParams
}

/** Bumped when what the key covers changes, so old rows simply stop matching (and age out). */
const KEY_VERSION = 1

export function cacheKey(input: CacheKeyInput): string {
  const system = input.system === null ? null : trimEnd(input.system)
  const canonical = canonicalJson({
    v: KEY_VERSION,
    provider: input.providerId,
    baseURL: input.baseURL,
    model: input.model,
    // An empty system prompt sends nothing, the same as none.
    system: system === '' ? null : system,
    messages: input.messages.map((message) => ({ role: message.role, content: trimEnd(message.content) })),
    // Every generation parameter changes the answer (temperature, top P, max tokens, reasoning effort,
    // and any added later): all of them are in the key, an unset one the same as an absent one.
    params: input.params,
  })
  return createHash('sha256').update(canonical).digest('hex')
}

/**
 * Trailing whitespace changes no answer (a question sent with a newline at the end is the same
 * question); leading and inner whitespace can (indented code), so they stay as they are.
 */
function trimEnd(text: string): string {
  return text.trimEnd()
}

/**
 * JSON with object keys sorted and undefined members left out, so key order and absent-vs-undefined do
 * not change the text. Arrays keep their order: message order is meaning.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null'
    return JSON.stringify(value) ?? 'null'
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([name, member]) => `${JSON.stringify(name)}:${canonicalJson(member)}`).join(',')}}`
}
