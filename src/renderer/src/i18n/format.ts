// Numbers, money and dates in the language shown, through Intl: "1,234" in English, "1,234" or "1.2万"
// never guessed by hand. Components take `useFormat()` (it follows a language switch); plain modules
// take `formatter()` for the language shown now.
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { currentLanguage } from './i18n'

export interface Formatter {
  language: string
  number(value: number, options?: Intl.NumberFormatOptions): string
  /** US dollars, with as many decimals as a small cost needs. */
  money(usd: number): string
  date(value: number | Date, options?: Intl.DateTimeFormatOptions): string
  /** A list of words joined as the language joins them ("a, b and c", "a、b和c"). */
  list(items: readonly string[]): string
}

const made = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>()
function once<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>(
  key: string,
  make: () => T,
): T {
  let format = made.get(key) as T | undefined
  if (!format) {
    format = make()
    made.set(key, format)
  }
  return format
}

export function formatterFor(language: string): Formatter {
  return {
    language,
    number: (value, options) =>
      once(
        `n ${language} ${JSON.stringify(options ?? {})}`,
        () => new Intl.NumberFormat(language, options),
      ).format(value),
    money: (usd) => {
      const digits = usd === 0 ? 2 : usd < 0.01 ? 4 : usd < 1 ? 3 : 2
      return once(
        `m ${language} ${digits}`,
        () =>
          new Intl.NumberFormat(language, {
            style: 'currency',
            currency: 'USD',
            minimumFractionDigits: digits,
            maximumFractionDigits: digits,
          }),
      ).format(usd)
    },
    date: (value, options) =>
      once(
        `d ${language} ${JSON.stringify(options ?? {})}`,
        () => new Intl.DateTimeFormat(language, options),
      ).format(value),
    list: (items) =>
      once(
        `l ${language}`,
        () => new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }),
      ).format(items),
  }
}

/** For a component: re-rendered in the new language when it changes. */
export function useFormat(): Formatter {
  const { i18n } = useTranslation()
  return useMemo(() => formatterFor(i18n.language), [i18n.language])
}

/** For code outside components: the language shown now. */
export function formatter(): Formatter {
  return formatterFor(currentLanguage())
}
