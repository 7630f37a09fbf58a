// A search as typed, read into words to find and filters. Everything that is not a known filter is
// text to find: FTS5's own syntax (quotes, *, NEAR, AND/OR/NOT, -, ^, parentheses) has no meaning here,
// so no query can be an FTS syntax error. Shared: find in chat highlights in the page what the reads
// worker found, read the same way. Plain code: the worker loads it as it is.
import type { MessageRole } from './types'
import { type Wording, wording } from './wording.ts'

export interface SearchQuery {
  /** Substrings a match must all hold (a quoted "two words" is one). */
  terms: string[]
  /** Part of the model's id, any case. */
  model: string | null
  /** Titles only. */
  inTitle: boolean
  /** Written before the start of this local day (ms). */
  before: number | null
  /** Written after the end of this local day (ms; the first moment of the next day). */
  after: number | null
  role: MessageRole | null
  /** Filter values that could not be read, and were ignored. */
  notes: Wording[]
}

/** Terms beyond this many are ignored (and said so). */
export const MAX_TERMS = 16
/** Trigram indexing finds substrings of this many characters or more. */
export const INDEXED_TERM_LENGTH = 3

const FILTER = /^(model|in|before|after|role):(.*)$/i
const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/
const ROLES: Record<string, MessageRole> = {
  user: 'user',
  me: 'user',
  assistant: 'assistant',
  ai: 'assistant',
}

export function parseQuery(input: string): SearchQuery {
  const query: SearchQuery = {
    terms: [],
    model: null,
    inTitle: false,
    before: null,
    after: null,
    role: null,
    notes: [],
  }
  for (const token of tokens(input)) {
    const filter = token.quoted ? null : FILTER.exec(token.text)
    if (!filter || filter[2] === '') {
      addTerm(query, token.text)
      continue
    }
    const name = (filter[1] as string).toLowerCase()
    const value = filter[2] as string
    if (name === 'model') query.model = value
    else if (name === 'in') {
      if (value.toLowerCase() === 'title' || value.toLowerCase() === 'titles') query.inTitle = true
      else query.notes.push(wording('searchInNote', { value }))
    } else if (name === 'role') {
      const role = ROLES[value.toLowerCase()]
      if (role) query.role = role
      else query.notes.push(wording('searchRoleNote', { value }))
    } else {
      const day = localDay(value)
      if (day === null) query.notes.push(wording('searchDateNote', { name, value }))
      else if (name === 'before') query.before = day
      else query.after = day + dayLength(day)
    }
  }
  if (query.terms.length > MAX_TERMS) {
    query.terms = query.terms.slice(0, MAX_TERMS)
    query.notes.push(wording('searchTermsNote', { most: MAX_TERMS }))
  }
  return query
}

/** Whether a query asks for anything at all (words, or at least a filter). */
export function isEmpty(query: SearchQuery): boolean {
  return (
    query.terms.length === 0 &&
    query.model === null &&
    query.before === null &&
    query.after === null &&
    query.role === null
  )
}

/** Length in characters (code points), as the trigram tokenizer counts them. */
export function charLength(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

/** One term as an FTS5 string: inside double quotes everything is text, and a quote is doubled. */
export function ftsString(term: string): string {
  return `"${term.replaceAll('"', '""')}"`
}

/** A LIKE pattern that finds `term` anywhere, with LIKE's own wildcards taken literally (ESCAPE '\'). */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

function addTerm(query: SearchQuery, text: string): void {
  const term = text.trim()
  if (term !== '' && !query.terms.includes(term)) query.terms.push(term)
}

/** Splits on white space; a "quoted phrase" with its closing quote is one token, a lone quote is text. */
function* tokens(input: string): Generator<{ text: string; quoted: boolean }> {
  let at = 0
  while (at < input.length) {
    while (at < input.length && /\s/.test(input[at] as string)) at++
    if (at >= input.length) return
    if (input[at] === '"') {
      const close = input.indexOf('"', at + 1)
      if (close > at + 1) {
        yield { text: input.slice(at + 1, close), quoted: true }
        at = close + 1
        continue
      }
    }
    let end = at
    while (end < input.length && !/\s/.test(input[end] as string)) end++
    yield { text: input.slice(at, end), quoted: false }
    at = end
  }
}

function localDay(value: string): number | null {
  const parts = DATE.exec(value)
  if (!parts) return null
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])]
  const date = new Date(year, month - 1, day)
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null
  return date.getTime()
}

/** A local day's length (23 or 25 hours where the clocks change). */
function dayLength(start: number): number {
  const date = new Date(start)
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime() - start
}
