// The log file in the data folder: `<data dir>/logs/roundtable.log`, one line per entry
// (`ISO-time level message`), every line through the redactor first. At the size cap the file moves to
// roundtable.1.log, the one before to roundtable.2.log, and so on; the oldest beyond the count is deleted.
//
// Written synchronously: the app logs a handful of lines an hour (failures and warnings, never a token
// stream), so a write costs nothing that matters, and a line written before a crash is on disk rather
// than in a buffer that died with the process. The size is tracked in memory (read once at start), so a
// line costs one append and no stat.
//
// A log never takes the app down: a full disk, a read-only folder or a vanished file drops the line and
// counts it; the next line that can be written says how many were lost.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { redact } from './redact'

export const LOG_FOLDER = 'logs'
export const LOG_BASE_NAME = 'roundtable'
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024
export const DEFAULT_MAX_FILES = 5
/** Longer messages are cut: a log line is for a person to read, not a dump of a response body. */
const MAX_MESSAGE_CHARS = 16_000

export type LogLevel = 'error' | 'warn' | 'info'

export interface LogFileOptions {
  /** The folder the files live in (created when missing). */
  dir: string
  /** Bytes one file may hold; 5 MB unless testing. */
  maxBytes?: number
  /** Files kept in all, the current one included; 5 unless testing. */
  maxFiles?: number
  now?: () => Date
}

/** The names of the files, newest first: roundtable.log, roundtable.1.log, … */
export function logFileNames(maxFiles = DEFAULT_MAX_FILES): string[] {
  return Array.from({ length: maxFiles }, (_, index) =>
    index === 0 ? `${LOG_BASE_NAME}.log` : `${LOG_BASE_NAME}.${index}.log`,
  )
}

export class LogFile {
  readonly dir: string
  private readonly maxBytes: number
  private readonly names: string[]
  private readonly now: () => Date
  private size: number | null = null
  private droppedSinceLastWrite = 0
  /** Lines that could not be written, since the app started. */
  dropped = 0

  constructor(options: LogFileOptions) {
    this.dir = options.dir
    this.maxBytes = Math.max(64, options.maxBytes ?? DEFAULT_MAX_BYTES)
    this.names = logFileNames(Math.max(1, options.maxFiles ?? DEFAULT_MAX_FILES))
    this.now = options.now ?? (() => new Date())
  }

  get path(): string {
    return join(this.dir, this.names[0] as string)
  }

  /** Every file that exists, newest first. */
  files(): string[] {
    return this.names.map((name) => join(this.dir, name)).filter((path) => exists(path))
  }

  /** Appends one line; never throws. Returns whether it was written. */
  write(level: LogLevel, message: string): boolean {
    try {
      if (this.droppedSinceLastWrite > 0) {
        const lost = this.droppedSinceLastWrite
        this.droppedSinceLastWrite = 0
        if (!this.append(this.line('warn', `${lost} log line${lost === 1 ? ' was' : 's were'} lost`))) {
          this.droppedSinceLastWrite = lost
          throw new Error('still cannot write')
        }
      }
      if (this.append(this.line(level, message))) return true
    } catch {
      // fall through: counted below
    }
    this.dropped += 1
    this.droppedSinceLastWrite += 1
    return false
  }

  private line(level: LogLevel, message: string): Buffer {
    const flat = redact(message).replace(/\r\n?|\n/g, '\n    ')
    const cut = flat.length > MAX_MESSAGE_CHARS ? `${flat.slice(0, MAX_MESSAGE_CHARS)} …(cut)` : flat
    const bytes = Buffer.from(`${this.now().toISOString()} ${level} ${cut}\n`, 'utf8')
    return bytes.length <= this.maxBytes ? bytes : fitTo(bytes, this.maxBytes)
  }

  private append(bytes: Buffer): boolean {
    try {
      if (this.size === null) {
        mkdirSync(this.dir, { recursive: true })
        this.size = sizeOf(this.path)
      }
      if (this.size > 0 && this.size + bytes.length > this.maxBytes) this.rotate()
      appendFileSync(this.path, bytes)
      this.size += bytes.length
      return true
    } catch {
      // Re-read the size next time: the file may have been moved or cut by someone else.
      this.size = null
      return false
    }
  }

  private rotate(): void {
    const paths = this.names.map((name) => join(this.dir, name))
    rmSync(paths[paths.length - 1] as string, { force: true })
    for (let index = paths.length - 2; index >= 0; index -= 1) {
      const from = paths[index] as string
      if (exists(from)) renameSync(from, paths[index + 1] as string)
    }
    this.size = 0
  }
}

/** A line longer than a whole file: cut at a character boundary, still ending in a newline. */
function fitTo(bytes: Buffer, maxBytes: number): Buffer {
  let end = maxBytes - 1
  // Step back over UTF-8 continuation bytes so no character is split.
  while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end -= 1
  return Buffer.concat([bytes.subarray(0, end), Buffer.from('\n')])
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

function exists(path: string): boolean {
  try {
    statSync(path)
    return true
  } catch {
    return false
  }
}
