import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findInChat } from '../../../main/core/search/search-queries'
import { ChatStore } from '../../../main/core/store/chat-store'
import { type Db, openDatabase } from '../../../main/core/store/database'
import { findInPieces, findInText, findTerms, foldCase, type TextPiece } from './find-highlight'

const texts = (text: string, spans: { start: number; end: number }[]) =>
  spans.map((span) => text.slice(span.start, span.end))

describe('the words a find marks', () => {
  it('are the words the main process looks for: quotes make one, filters are none', () => {
    expect(findTerms('walrus')).toEqual(['walrus'])
    expect(findTerms('  go   right ')).toEqual(['go', 'right'])
    expect(findTerms('"go right" now')).toEqual(['go right', 'now'])
    expect(findTerms('walrus role:user model:gpt')).toEqual(['walrus'])
    expect(findTerms('role:user')).toEqual([])
    expect(findTerms('   ')).toEqual([])
  })
})

describe('case, as SQLite LIKE has it', () => {
  it('folds ASCII letters only, keeping the length', () => {
    expect(foldCase('WalRUS ÉCOLE Straße')).toBe('walrus École straße')
    expect(foldCase('ÀÉÎ').length).toBe(3)
  })

  it('finds any case of an ASCII word, but not É for é', () => {
    expect(texts('Walrus, WALRUS and walrus', findInText('Walrus, WALRUS and walrus', ['walrus']))).toEqual([
      'Walrus',
      'WALRUS',
      'walrus',
    ])
    expect(findInText('ÉCOLE and école', ['école'])).toEqual([{ start: 10, end: 15 }])
  })
})

describe('occurrences in one text', () => {
  it('finds every one, in order, and none where there is none', () => {
    expect(findInText('a walrus and another walrus', ['walrus'])).toEqual([
      { start: 2, end: 8 },
      { start: 21, end: 27 },
    ])
    expect(findInText('nothing here', ['walrus'])).toEqual([])
    expect(findInText('anything', [])).toEqual([])
    expect(findInText('anything', [''])).toEqual([])
  })

  it('counts repeats without overlap, as a reader does (aaaa holds aa twice)', () => {
    expect(findInText('aaaa', ['aa'])).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
    ])
    // Side by side stays two.
    expect(findInText('walruswalrus', ['walrus'])).toHaveLength(2)
  })

  it('marks each term, joining terms that overlap into one mark', () => {
    const text = 'go right, then go left'
    expect(texts(text, findInText(text, ['go', 'right']))).toEqual(['go', 'right', 'go'])
    expect(findInText('walrus', ['walrus', 'rus'])).toEqual([{ start: 0, end: 6 }])
    expect(findInText('seawalrus', ['seawal', 'walrus'])).toEqual([{ start: 0, end: 9 }])
  })

  it('finds text that is not Latin, and other scripts than ASCII exactly', () => {
    expect(findInText('请介绍分布式数据库的设计', ['数据库'])).toEqual([{ start: 6, end: 9 }])
    expect(findInText('😀 ok 😀', ['😀'])).toEqual([
      { start: 0, end: 2 },
      { start: 6, end: 8 },
    ])
  })
})

describe('occurrences over text nodes', () => {
  const pieces = (...parts: (string | { block: string })[]): TextPiece[] =>
    parts.map((part) =>
      typeof part === 'string' ? { text: part, breakBefore: false } : { text: part.block, breakBefore: true },
    )

  it('finds a word split over nodes (a token coloured in parts, a half-bold word)', () => {
    expect(findInPieces(pieces('the wal', 'rus', ' swims'), ['walrus'])).toEqual([
      { start: { piece: 0, offset: 4 }, end: { piece: 1, offset: 3 } },
    ])
  })

  it('keeps a mark inside the nodes it covers: a start opens its first letter, an end closes its last', () => {
    // "walrus" ends where the first node ends: the end is there, not at the next node's offset 0.
    expect(findInPieces(pieces('walrus', ' and ', 'walrus'), ['walrus'])).toEqual([
      { start: { piece: 0, offset: 0 }, end: { piece: 0, offset: 6 } },
      { start: { piece: 2, offset: 0 }, end: { piece: 2, offset: 6 } },
    ])
    // Empty nodes between are passed over.
    expect(findInPieces(pieces('wal', '', 'rus'), ['walrus'])).toEqual([
      { start: { piece: 0, offset: 0 }, end: { piece: 2, offset: 3 } },
    ])
  })

  it('never finds across the edge of a block, where the reader sees a new line', () => {
    expect(findInPieces(pieces('wal', { block: 'rus' }), ['walrus'])).toEqual([])
    expect(findInPieces(pieces('go', { block: 'walrus' }, ' walrus'), ['walrus'])).toEqual([
      { start: { piece: 1, offset: 0 }, end: { piece: 1, offset: 6 } },
      { start: { piece: 2, offset: 1 }, end: { piece: 2, offset: 7 } },
    ])
  })

  it('gives nothing for nothing', () => {
    expect(findInPieces([], ['walrus'])).toEqual([])
    expect(findInPieces(pieces('walrus'), [])).toEqual([])
  })
})

describe('agreeing with the main process’s find', () => {
  // The bar counts the messages findInChat returns and marks words in them: a message it counts must
  // show a mark, and a message it leaves out must show none. Checked on the real query, on SQLite.
  let dir: string
  let db: Db
  let store: ChatStore
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rt-find-'))
    db = openDatabase(join(dir, 'roundtable.db')).db
    store = new ChatStore(db, () => Date.now())
  })
  afterEach(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('finds the messages findInChat finds, for case, accents, scripts and several words', () => {
    const chat = store.createChat()
    const texts = [
      'The Walrus swims',
      'WALRUS in capitals',
      'no such animal',
      'ÉCOLE in capitals',
      'une école',
      'Straße',
      'go left, then right',
      'go home',
      'wal rus, apart',
      '分布式数据库',
      '100% sure_thing',
    ]
    const ids = new Map<string, string>()
    for (const content of texts) {
      const message = store.addMessage({
        chatId: chat.id,
        parentId: null,
        role: 'user',
        content,
        status: 'complete',
      })
      ids.set(message.id, content)
    }
    const queries = [
      'walrus',
      'WaLrUs',
      'école',
      'ÉCOLE',
      'STRASSE',
      'straße',
      'go right',
      '"go right"',
      'wal',
      '数据',
      '100%',
      'e_t',
      'role:user swims',
    ]
    for (const query of queries) {
      const terms = findTerms(query)
      const marked = texts.filter((text) => terms.every((term) => findInText(text, [term]).length > 0))
      const counted = findInChat(db, chat.id, query).map((id) => ids.get(id))
      expect(marked, query).toEqual(counted)
    }
  })
})
