// Finds the JSON in a model's answer: a fenced block, the whole answer, or an object or array inside
// prose. Models wrap JSON in all of these, sometimes with stray control characters a parser refuses.
// Returns the value, or the text when there is none.

export type Extracted =
  | { kind: 'json'; value: unknown; from: 'fence' | 'whole' | 'prose' }
  | { kind: 'text'; text: string }

// C0 controls JSON never allows raw (tab, line feed and carriage return are whitespace outside
// strings), and DEL. Built from code points: a regex literal of control characters reads as a mistake.
const INVALID_CONTROLS = new RegExp(
  `[${[...range(0x00, 0x08), 0x0b, 0x0c, ...range(0x0e, 0x1f), 0x7f].map((c) => `\\u${c.toString(16).padStart(4, '0')}`).join('')}]`,
  'g',
)
const FENCE = /```[ \t]*([A-Za-z0-9_-]*)[^\n]*\n([\s\S]*?)```/g
// Enough for any answer a person reads; past it, scanning every brace would cost too much (this runs
// in the page, for every finished answer).
const MAX_SCAN_CHARS = 200_000
// Prose with many stray braces before the JSON: each opener tried costs a scan.
const MAX_OPENERS_TRIED = 200

export function extractJson(answer: string): Extracted {
  const text = answer.replace(INVALID_CONTROLS, '')
  for (const match of text.matchAll(FENCE)) {
    const language = (match[1] ?? '').toLowerCase()
    if (language !== '' && language !== 'json' && language !== 'jsonc' && language !== 'json5') continue
    const value = parse(match[2] ?? '')
    if (value !== undefined) return { kind: 'json', value, from: 'fence' }
  }
  const whole = parse(text)
  if (whole !== undefined && typeof whole === 'object' && whole !== null)
    return { kind: 'json', value: whole, from: 'whole' }
  // In prose only an object counts: `[1]` citations and code in other languages' fences are not JSON.
  const inProse = firstEmbedded(text.replace(FENCE, ' ').slice(0, MAX_SCAN_CHARS))
  if (inProse !== undefined) return { kind: 'json', value: inProse, from: 'prose' }
  return { kind: 'text', text: answer }
}

function parse(candidate: string): unknown {
  const trimmed = candidate.trim()
  if (trimmed === '') return undefined
  try {
    return JSON.parse(trimmed)
  } catch {
    // Models often break lines inside strings: escape those, and try once more.
    try {
      return JSON.parse(escapeLineBreaksInStrings(trimmed))
    } catch {
      return undefined
    }
  }
}

function escapeLineBreaksInStrings(json: string): string {
  let out = ''
  let inString = false
  for (let i = 0; i < json.length; i++) {
    const c = json[i] as string
    if (inString && c === '\\') {
      out += c + (json[i + 1] ?? '')
      i++
      continue
    }
    if (c === '"') inString = !inString
    if (inString && (c === '\n' || c === '\r' || c === '\t'))
      out += c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'
    else out += c
  }
  return out
}

/** The first balanced `{...}` that parses, scanning past strings so their brackets do not count. */
function firstEmbedded(text: string): unknown {
  let tried = 0
  for (let start = 0; start < text.length && tried < MAX_OPENERS_TRIED; start++) {
    if (text[start] !== '{') continue
    tried++
    const end = matchingClose(text, start)
    if (end === -1) continue
    const value = parse(text.slice(start, end + 1))
    if (value !== undefined) return value
  }
  return undefined
}

function matchingClose(text: string, start: number): number {
  const stack: string[] = []
  let inString = false
  for (let i = start; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    else if (c === '{') stack.push('}')
    else if (c === '[') stack.push(']')
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return -1
      if (stack.length === 0) return i
    }
  }
  return -1
}

/** The value, indented for reading and copying. */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2)
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}
