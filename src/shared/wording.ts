// Errors and notices cross from the main process to the page as a code with parameters, never as an
// English sentence: the page words them in the person's language, and a stored answer's error keeps
// its code, so it reads in the new language after a switch. The words are in error-words/en.ts and
// error-words/zh-CN.ts; the main process keeps the English for its log and for older pages.
import { type ErrorWords, errorWords } from './error-words/en.ts'

export type WordingCode = keyof ErrorWords

/** The parameter names a text uses: `{{name}}` and `{{name, format}}`. */
type Placeholders<S extends string> = S extends `${string}{{${infer P}}}${infer Rest}`
  ? (P extends `${infer Name}, ${string}` ? Name : P) | Placeholders<Rest>
  : never

/** A parameter is words the sender had (a name, a provider's own text), a number, or another wording. */
export type WordingValue = string | number | Wording

export type WordingOf<C extends WordingCode> = {
  code: C
  params: { [K in Placeholders<ErrorWords[C]>]: WordingValue }
}

export type Wording = { [C in WordingCode]: WordingOf<C> }[WordingCode]

type ParamsArg<C extends WordingCode> = [Placeholders<ErrorWords[C]>] extends [never]
  ? []
  : [params: WordingOf<C>['params']]

export function wording<C extends WordingCode>(code: C, ...params: ParamsArg<C>): Wording {
  return { code, params: params[0] ?? {} } as Wording
}

/** The words in the given language's catalog, parameters filled in (numbers by `Intl`). */
export function wordingIn(
  words: Readonly<Record<WordingCode, string>>,
  locale: string,
  said: Wording,
): string {
  const params = said.params as Record<string, WordingValue>
  return words[said.code].replace(
    /\{\{\s*(\w+)\s*(?:,\s*(\w+)\s*)?\}\}/g,
    (_, name: string, format?: string) => {
      const value = params[name]
      if (value === undefined) return ''
      if (typeof value === 'object') return wordingIn(words, locale, value)
      if (typeof value === 'number' && format === 'number') return value.toLocaleString(locale)
      return String(value)
    },
  )
}

/** The English, as the main process logs and stores it. */
export function english(said: Wording): string {
  return wordingIn(errorWords, 'en', said)
}

export function isWording(value: unknown): value is Wording {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Wording).code === 'string' &&
    (value as Wording).code in errorWords &&
    typeof (value as Wording).params === 'object'
  )
}
