// Blind mode: the columns in an order that says nothing about which model was asked first, named
// Model A, B, C… until the person keeps an answer or votes on one.
import type { CompareColumn } from '../../../shared/types'
import { i18n } from '../i18n/i18n'

/**
 * A stable shuffle: the same turn shows the same order every time, unrelated to the order asked.
 * `keyOf` names a column for good (its question and slot), so a retry in a column keeps its place
 * and its letter.
 */
export function blindOrder(
  columns: CompareColumn[],
  keyOf: (column: CompareColumn) => string,
): CompareColumn[] {
  const keyed = columns.map((column) => ({ column, key: keyOf(column) }))
  keyed.sort((a, b) => hash(a.key) - hash(b.key) || a.key.localeCompare(b.key))
  return keyed.map(({ column }) => column)
}

export function blindName(index: number): string {
  const letter = `${String.fromCharCode(65 + (index % 26))}${index >= 26 ? Math.floor(index / 26) : ''}`
  return i18n.t('compare:blindName', { letter })
}

// FNV-1a: small, fast, and spreads similar ids apart.
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}
