// Counting tokens with gpt-tokenizer, on the reads worker (its encodings take a quarter of a second to
// load and counting a full window takes tens of milliseconds: neither belongs on the main thread).
// Each encoding loads on first use. Plain code the worker loads as it is.
import type { Encoding } from './encodings.ts'

type Counter = (text: string) => number

const loading = new Map<Encoding, Promise<Counter>>()

// Text from people and models may contain "<|endoftext|>" and the like: counted as the plain text it
// is, never refused or read as a control token.
const AS_TEXT = { disallowedSpecial: new Set<string>() }

function counterFor(encoding: Encoding): Promise<Counter> {
  let counter = loading.get(encoding)
  if (!counter) {
    const module =
      encoding === 'cl100k_base'
        ? import('gpt-tokenizer/encoding/cl100k_base')
        : import('gpt-tokenizer/encoding/o200k_base')
    counter = module.then((loaded) => (text: string) => loaded.countTokens(text, AS_TEXT))
    loading.set(encoding, counter)
  }
  return counter
}

/** The tokens of each text, in order. */
export async function countTokens(encoding: Encoding, texts: readonly string[]): Promise<number[]> {
  const count = await counterFor(encoding)
  return texts.map((text) => (text.length === 0 ? 0 : count(text)))
}
