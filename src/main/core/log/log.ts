// What the main process says about itself: each line to stderr, as before, and to the log file of the
// app that is running (attached by createCore for its data folder). Both copies pass the redactor, so a
// key that reached an error message is not printed either.
//
// A module rather than an object handed down: failures are logged from deep inside stores, the
// pipeline and the web host, and threading a logger through every constructor would change every
// signature for a side channel. What is injectable is where lines go: attach a LogFile (or a test's
// sink) and detach it when done.
import { formatWithOptions } from 'node:util'
import type { LogLevel } from './log-file'
import { redact } from './redact'

export interface LogSink {
  write(level: LogLevel, message: string): unknown
}

const sinks = new Set<LogSink>()

/** Sends every line to `sink` as well, until the returned function is called. */
export function attachLogSink(sink: LogSink): () => void {
  sinks.add(sink)
  return () => {
    sinks.delete(sink)
  }
}

/** The parts as one string, the way console.error would print them (an Error with its stack). */
export function formatParts(parts: readonly unknown[]): string {
  return formatWithOptions({ colors: false, depth: 4, breakLength: Number.POSITIVE_INFINITY }, ...parts)
}

function emit(level: LogLevel, parts: readonly unknown[]): void {
  let message: string
  try {
    message = redact(formatParts(parts))
  } catch {
    message = 'a log line could not be formatted'
  }
  if (level === 'error') console.error(`[roundtable] ${message}`)
  else if (level === 'warn') console.warn(`[roundtable] ${message}`)
  for (const sink of sinks) {
    try {
      sink.write(level, message)
    } catch {
      // A sink that fails must not fail the caller; LogFile counts its own losses.
    }
  }
}

export const log = {
  error: (...parts: unknown[]): void => emit('error', parts),
  warn: (...parts: unknown[]): void => emit('warn', parts),
  /** To the log file only: what happened, when nothing went wrong (start-up, an export). */
  info: (...parts: unknown[]): void => emit('info', parts),
}
