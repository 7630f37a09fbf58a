// Import chats: a ChatGPT data export (conversations.json) or a Roundtable chat file. A file of any
// size travels in pieces (the page reads it in slices and sends each as base64), is written to a
// temporary file in the data folder, then read one conversation at a time: each is checked and
// converted, staged, and only when the whole file has been read are the staged chats moved into the
// chats, in one transaction. So a malformed file is refused with the reason and adds nothing, memory
// stays bounded by the largest conversation, and a second import of the same file adds nothing
// (conversations are recognised by their ChatGPT id, Roundtable chats by their own id).
import { randomUUID } from 'node:crypto'
import { closeSync, createReadStream, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { type EventSink, MAX_CHAT_FILE_BYTES } from '../../../shared/contract'
import type { ChatImportProgress, ChatImportReport } from '../../../shared/types'
import { type Wording, wording } from '../../../shared/wording'
import { ChatImportStore, type StagedChat } from '../store/chat-import-store'
import type { Db } from '../store/database'
import { UserFacingError } from '../user-facing-error'
import { CHATGPT_SOURCE, convertConversation } from './chatgpt'
import { JsonFileError, jsonItems } from './json-items'
import { chatFileHeader, describeIssue, portableChat, treeProblem } from './roundtable-format'

export const IMPORT_FOLDER = 'imports'
/** An upload nobody finished is dropped after this long without a piece. */
const IDLE_UPLOAD_MS = 10 * 60_000
const STAGE_BATCH = 50
const PROGRESS_EVERY_MS = 100

class BadFile extends Error {}

interface Upload {
  path: string
  fd: number
  size: number
  received: number
  touched: number
}

export interface ChatImportsOptions {
  db: Db
  dataDir: string
  sink: EventSink
  now?: () => number
}

export class ChatImports {
  private readonly uploads = new Map<string, Upload>()
  private readonly store: ChatImportStore
  private readonly dir: string
  private readonly now: () => number
  private busy = false

  constructor(private readonly options: ChatImportsOptions) {
    this.store = new ChatImportStore(options.db)
    this.dir = join(options.dataDir, IMPORT_FOLDER)
    this.now = options.now ?? Date.now
    // What a process that closed mid-import left: its staged chats and its temporary files.
    this.store.discardAll()
    rmSync(this.dir, { recursive: true, force: true })
  }

  /** Opens an upload of `size` bytes; a file over the limit is refused here, unread. */
  begin(size: number): { importId: string } {
    refuseSize(size)
    this.dropIdle()
    if (this.uploads.size >= 4) throw new UserFacingError('conflict', wording('importBusyArriving'))
    mkdirSync(this.dir, { recursive: true })
    const importId = randomUUID()
    const path = join(this.dir, `${importId}.json`)
    this.uploads.set(importId, { path, fd: openSync(path, 'w'), size, received: 0, touched: this.now() })
    return { importId }
  }

  /** Appends the next piece; pieces come in order, and never past the size declared. */
  chunk(importId: string, offset: number, base64: string): { received: number } {
    const upload = this.upload(importId)
    if (offset !== upload.received) throw new UserFacingError('invalid-input', wording('importOutOfOrder'))
    const bytes = Buffer.from(base64, 'base64')
    if (upload.received + bytes.length > upload.size) {
      this.cancel(importId)
      throw new UserFacingError('invalid-input', wording('importTooMuch'))
    }
    writeSync(upload.fd, bytes)
    upload.received += bytes.length
    upload.touched = this.now()
    return { received: upload.received }
  }

  cancel(importId: string): void {
    const upload = this.uploads.get(importId)
    if (!upload) return
    this.uploads.delete(importId)
    closeSync(upload.fd)
    rmSync(upload.path, { force: true })
  }

  /** Reads the uploaded file and imports it; the temporary file goes either way. */
  async finish(importId: string): Promise<ChatImportReport> {
    const upload = this.upload(importId)
    this.uploads.delete(importId)
    closeSync(upload.fd)
    try {
      if (upload.received !== upload.size)
        throw new UserFacingError('invalid-input', wording('importNotWhole'))
      return await this.importFile(upload.path, importId)
    } finally {
      rmSync(upload.path, { force: true })
    }
  }

  /** Imports a file on disk (what finish does with an upload; the benchmark calls it directly). */
  async importFile(path: string, importId: string = randomUUID()): Promise<ChatImportReport> {
    const size = statSync(path).size
    refuseSize(size)
    if (this.busy) throw new UserFacingError('conflict', wording('importBusy'))
    this.busy = true
    const progress: ChatImportProgress = {
      importId,
      phase: 'reading',
      bytesRead: 0,
      totalBytes: size,
      chats: 0,
      messages: 0,
    }
    let lastEmit = 0
    const emit = (force = false) => {
      const at = Date.now()
      if (!force && at - lastEmit < PROGRESS_EVERY_MS) return
      lastEmit = at
      this.options.sink.emit('chatImportProgress', { ...progress })
    }
    const report: ChatImportReport = {
      kind: 'chatgpt',
      chats: 0,
      messages: 0,
      alreadyThere: 0,
      problems: [],
      nonTextParts: 0,
      leftOut: 0,
    }
    try {
      let seq = 0
      let batch: StagedChat[] = []
      const flush = () => {
        if (batch.length === 0) return
        this.store.stage(importId, seq, batch)
        seq += batch.length
        batch = []
      }
      const stream = createReadStream(path, { highWaterMark: 1024 * 1024 })
      stream.on('data', (chunk) => {
        progress.bytesRead += chunk.length
      })
      let header: Record<string, unknown> | null = null
      try {
        for await (const piece of jsonItems(stream)) {
          if (piece.kind === 'shape') report.kind = piece.shape === 'array' ? 'chatgpt' : 'roundtable'
          else if (piece.kind === 'header') header = piece.value
          else {
            const staged = report.kind === 'chatgpt' ? this.fromChatgpt(piece, report) : fromRoundtable(piece)
            if (staged) {
              batch.push(staged)
              progress.chats += 1
              progress.messages += staged.chat.messages.length
              if (batch.length >= STAGE_BATCH) flush()
            }
            emit()
          }
        }
      } finally {
        stream.destroy()
      }
      flush()
      if (report.kind === 'roundtable') {
        const checked = chatFileHeader.safeParse(header ?? {})
        if (!checked.success) throw new BadFile(describeIssue(checked.error))
      }
      progress.phase = 'saving'
      emit(true)
      const counts = this.store.commit(importId, this.now())
      Object.assign(report, {
        chats: counts.chats,
        messages: counts.messages,
        alreadyThere: counts.alreadyThere,
      })
      for (const title of counts.clashes) report.problems.push(wording('importClash', { title }))
      progress.phase = 'done'
      progress.chats = counts.chats
      progress.messages = counts.messages
      emit(true)
      return report
    } catch (error) {
      this.store.discard(importId)
      throw refusal(error)
    } finally {
      this.busy = false
    }
  }

  private fromChatgpt(piece: { index: number; value: unknown }, report: ChatImportReport): StagedChat | null {
    let converted: ReturnType<typeof convertConversation>
    try {
      converted = convertConversation(piece.value)
    } catch (error) {
      if (error instanceof z.ZodError)
        throw new BadFile(
          `conversation ${piece.index + 1} is not in ChatGPT's format: ${describeIssue(error)}`,
        )
      throw error
    }
    if (!converted) return null
    report.nonTextParts += converted.nonTextParts
    const { dangling, looped } = converted.unplaced
    const title = converted.chat.title
    if (dangling > 0)
      report.problems.push(wording('importDangling', { title, messages: messageCount(dangling) }))
    if (looped > 0) report.problems.push(wording('importLooped', { title, messages: messageCount(looped) }))
    report.leftOut += dangling + looped
    return { chat: converted.chat, source: { name: CHATGPT_SOURCE, id: converted.sourceId } }
  }

  private upload(importId: string): Upload {
    const upload = this.uploads.get(importId)
    if (!upload) throw new UserFacingError('not-found', wording('importGone'))
    return upload
  }

  private dropIdle(): void {
    const now = this.now()
    for (const [importId, upload] of this.uploads)
      if (now - upload.touched > IDLE_UPLOAD_MS) this.cancel(importId)
  }

  /** Ends open uploads (the core is closing). */
  close(): void {
    for (const importId of [...this.uploads.keys()]) this.cancel(importId)
  }
}

function fromRoundtable(piece: { index: number; value: unknown }): StagedChat {
  const checked = portableChat.safeParse(piece.value)
  if (!checked.success)
    throw new BadFile(`chat ${piece.index + 1} is not valid: ${describeIssue(checked.error)}`)
  const problem = treeProblem(checked.data)
  if (problem) throw new BadFile(`chat ${piece.index + 1} (“${checked.data.title}”) is not valid: ${problem}`)
  return { chat: checked.data, source: null }
}

function refuseSize(size: number): void {
  if (!Number.isSafeInteger(size) || size <= 0)
    throw new UserFacingError('invalid-input', wording('importEmpty'))
  if (size > MAX_CHAT_FILE_BYTES)
    throw new UserFacingError(
      'invalid-input',
      wording('importTooBig', { size: formatBytes(size), most: formatBytes(MAX_CHAT_FILE_BYTES) }),
    )
}

function refusal(error: unknown): unknown {
  if (error instanceof BadFile || error instanceof JsonFileError) {
    const reason = error.message.replace(/\.$/, '')
    return new UserFacingError(
      'invalid-input',
      wording('importRefused', { reason: `${reason.charAt(0).toLowerCase()}${reason.slice(1)}` }),
    )
  }
  return error
}

function messageCount(n: number): Wording {
  return n === 1 ? wording('messagesOne') : wording('messagesMany', { n })
}

function formatBytes(bytes: number): string {
  const gb = bytes / 1024 ** 3
  if (gb >= 1) return `${Number(gb.toFixed(1))} GB`
  return `${Number((bytes / 1024 ** 2).toFixed(1))} MB`
}
