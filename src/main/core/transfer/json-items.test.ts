import { describe, expect, it } from 'vitest'
import { type JsonPiece, jsonItems } from './json-items'

async function read(text: string, pieceBytes = 3): Promise<JsonPiece[]> {
  const bytes = new TextEncoder().encode(text)
  async function* chunks() {
    for (let at = 0; at < bytes.length; at += pieceBytes) yield bytes.slice(at, at + pieceBytes)
  }
  const out: JsonPiece[] = []
  for await (const piece of jsonItems(chunks())) out.push(piece)
  return out
}

describe('reading a JSON file one item at a time', () => {
  it('yields each element of a top-level array, whatever the pieces split (UTF-8 too)', async () => {
    const items = [{ a: '你好 "quoted" \\ [x]' }, { b: [1, { c: '}' }] }, {}]
    for (const size of [1, 2, 5, 1000]) {
      const pieces = await read(` ${JSON.stringify(items)}\n`, size)
      expect(pieces.filter((p) => p.kind === 'item').map((p) => (p as { value: unknown }).value)).toEqual(
        items,
      )
    }
  })

  it('yields the chats of a Roundtable file, then its other fields as the header', async () => {
    const file = JSON.stringify(
      { format: 'roundtable-chats', version: 1, chats: [{ id: 'a' }, { id: 'b' }], after: 'x' },
      null,
      2,
    )
    const pieces = await read(file, 4)
    expect(pieces[0]).toEqual({ kind: 'shape', shape: 'object' })
    expect(pieces.filter((p) => p.kind === 'item')).toHaveLength(2)
    expect(pieces.at(-1)).toEqual({
      kind: 'header',
      value: { format: 'roundtable-chats', version: 1, chats: [], after: 'x' },
    })
  })

  it('refuses a cut-off file, a file that is not JSON, and an item that is not an object', async () => {
    await expect(read('[{"a": 1}, {"b": ')).rejects.toThrow('cut short')
    await expect(read('hello')).rejects.toThrow('neither')
    await expect(read('[1, 2]')).rejects.toThrow('not an object')
    await expect(read('[{"a": nope}]')).rejects.toThrow('not valid JSON')
    await expect(read('')).rejects.toThrow('empty')
    await expect(read('[] []')).rejects.toThrow('goes on')
  })
})
