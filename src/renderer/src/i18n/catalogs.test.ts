// The Chinese catalogs are complete: every key the English has, with the same parameters, and no
// empty words. (The types already refuse a missing key; this also catches a parameter misspelt.)
import { describe, expect, it } from 'vitest'
import { errorWords } from '../../../shared/error-words/en'
import { errorWordsZh } from '../../../shared/error-words/zh-CN'
import { en } from './en'
import { zhCN } from './zh-CN'

type Tree = { readonly [key: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') found.set(path, value)
    else for (const [inner, words] of leaves(value, path)) found.set(inner, words)
  }
  return found
}

/** `{{name}}` and `{{name, number}}` by name; `<0>…</0>` tags of <Trans> by number. */
function parameters(words: string): string[] {
  const names = [...words.matchAll(/\{\{\s*(\w+)/g)].map((match) => `{{${match[1]}}}`)
  const tags = [...words.matchAll(/<(\/?\w+)>/g)].map((match) => `<${match[1]}>`)
  return [...new Set([...names, ...tags])].sort()
}

describe.each([
  ['the page', en as unknown as Tree, zhCN as unknown as Tree],
  ['the main process', errorWords as unknown as Tree, errorWordsZh as unknown as Tree],
])('the Chinese words of %s', (_part, english, chinese) => {
  const englishWords = leaves(english)
  const chineseWords = leaves(chinese)

  it('have every key of the English, and no other', () => {
    expect([...chineseWords.keys()].sort()).toEqual([...englishWords.keys()].sort())
  })

  it('use the same parameters as the English, and are never empty', () => {
    for (const [key, words] of englishWords) {
      const translated = chineseWords.get(key) ?? ''
      expect(translated.trim(), key).not.toBe('')
      expect(parameters(translated), key).toEqual(parameters(words))
    }
  })
})
