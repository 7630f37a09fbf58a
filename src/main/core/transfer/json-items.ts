// Reads a large JSON file one item at a time, so a file of any size costs the memory of its largest
// item. Two shapes are understood: a top-level array (ChatGPT's conversations.json), whose elements
// are the items, and a top-level object whose "chats" array holds the items (a Roundtable file); the
// object's other fields come back as its header once the file ends. Each item's text is handed to
// JSON.parse, which does the real checking; this only finds where items begin and end.

export class JsonFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'JsonFileError'
  }
}

export type JsonPiece =
  | { kind: 'shape'; shape: 'array' | 'object' }
  | { kind: 'item'; index: number; value: unknown }
  | { kind: 'header'; value: Record<string, unknown> }

export interface JsonItemLimits {
  /** The most characters one item may take (one conversation, one chat). */
  maxItemChars: number
  /** The most characters of an object's fields outside its items. */
  maxHeaderChars: number
}

const DEFAULT_LIMITS: JsonItemLimits = { maxItemChars: 256 * 1024 * 1024, maxHeaderChars: 1024 * 1024 }

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const COMMA = 0x2c

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0xfeff
}

/** The items of `chunks` (UTF-8 bytes, split anywhere), in order. */
export async function* jsonItems(
  chunks: AsyncIterable<Uint8Array>,
  limits: JsonItemLimits = DEFAULT_LIMITS,
): AsyncGenerator<JsonPiece> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let shape: 'array' | 'object' | null = null
  let done = false
  let depth = 0
  let inString = false
  let escaped = false
  // The array whose elements are items: at this depth once it is open (0: not open yet, or closed).
  let itemsDepth = 0
  let itemsSeen = false
  let itemIndex = 0
  // The item being read: its text so far, from its first character.
  let item: string[] | null = null
  let itemChars = 0
  // An object's other fields, and the last string read at its top level (a key before its value).
  const header: string[] = []
  let headerChars = 0
  let topString: string[] | null = null
  let lastTopString = ''

  const decode = (bytes: Uint8Array, stream: boolean): string => {
    try {
      return decoder.decode(bytes, { stream })
    } catch {
      throw new JsonFileError('The file is not UTF-8 text.')
    }
  }

  const finishItem = (text: string): JsonPiece => {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      throw new JsonFileError(
        `Item ${itemIndex + 1} of the file is not valid JSON (${(error as Error).message}).`,
      )
    }
    return { kind: 'item', index: itemIndex++, value }
  }

  const texts = (async function* () {
    for await (const chunk of chunks) yield decode(chunk, true)
    yield decode(new Uint8Array(), false)
  })()

  for await (const text of texts) {
    const pieces: JsonPiece[] = []
    let itemStart = item ? 0 : -1
    let headerStart = shape === 'object' && !done && itemsDepth === 0 ? 0 : -1
    let topStringStart = topString ? 0 : -1
    const keepHeader = (end: number) => {
      if (headerStart < 0) return
      const part = text.slice(headerStart, end)
      headerChars += part.length
      if (headerChars > limits.maxHeaderChars)
        throw new JsonFileError('The file has more outside its chats than a Roundtable file holds.')
      header.push(part)
      headerStart = -1
    }
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index)
      if (inString) {
        if (escaped) escaped = false
        else if (code === BACKSLASH) escaped = true
        else if (code === QUOTE) {
          inString = false
          if (topString) {
            topString.push(text.slice(topStringStart, index))
            lastTopString = topString.join('')
            topString = null
            topStringStart = -1
          }
        }
        continue
      }
      if (done) {
        if (!isSpace(code)) throw new JsonFileError('The file goes on after its JSON ends.')
        continue
      }
      if (shape === null) {
        if (isSpace(code)) continue
        if (code === OPEN_BRACKET) {
          shape = 'array'
          itemsDepth = 1
          itemsSeen = true
        } else if (code === OPEN_BRACE) {
          shape = 'object'
          headerStart = index
        } else throw new JsonFileError('The file is neither a list of conversations nor a Roundtable file.')
        depth = 1
        pieces.push({ kind: 'shape', shape })
        continue
      }
      // Between items of the items array.
      if (depth === itemsDepth && !item) {
        if (isSpace(code) || code === COMMA) continue
        if (code === CLOSE_BRACKET) {
          depth -= 1
          itemsDepth = 0
          if (shape === 'array') done = true
          else headerStart = index
          continue
        }
        if (code !== OPEN_BRACE && code !== OPEN_BRACKET)
          throw new JsonFileError(`Item ${itemIndex + 1} of the file is not an object.`)
        item = []
        itemChars = 0
        itemStart = index
        depth += 1
        continue
      }
      if (code === QUOTE) {
        inString = true
        if (shape === 'object' && depth === 1) {
          topString = []
          topStringStart = index + 1
        }
      } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        depth += 1
        if (code === OPEN_BRACKET && shape === 'object' && depth === 2 && lastTopString === 'chats') {
          if (itemsSeen) throw new JsonFileError('The file has two lists of chats.')
          itemsSeen = true
          itemsDepth = 2
          keepHeader(index + 1)
        }
      } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        depth -= 1
        if (depth < 0) throw new JsonFileError('The file closes more brackets than it opens.')
        if (item && depth === itemsDepth) {
          item.push(text.slice(itemStart, index + 1))
          const whole = item.join('')
          item = null
          itemStart = -1
          if (whole.length > limits.maxItemChars)
            throw new JsonFileError(`Item ${itemIndex + 1} of the file is too large to import.`)
          pieces.push(finishItem(whole))
        } else if (depth === 0) {
          done = true
          if (shape === 'object') keepHeader(index + 1)
        }
      }
    }
    // The end of this piece of text: what is still open carries over.
    if (item && itemStart >= 0) {
      const part = text.slice(itemStart)
      itemChars += part.length
      if (itemChars > limits.maxItemChars)
        throw new JsonFileError(`Item ${itemIndex + 1} of the file is too large to import.`)
      item.push(part)
    }
    if (topString && topStringStart >= 0) topString.push(text.slice(topStringStart))
    keepHeader(text.length)
    yield* pieces
  }
  if (shape === null) throw new JsonFileError('The file is empty.')
  if (!done) throw new JsonFileError('The file ends in the middle: it was cut short.')
  if (shape === 'object') {
    let value: unknown
    try {
      value = JSON.parse(header.join(''))
    } catch (error) {
      throw new JsonFileError(`The file is not valid JSON (${(error as Error).message}).`)
    }
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new JsonFileError('The file is not a Roundtable file.')
    yield { kind: 'header', value: value as Record<string, unknown> }
  }
}
