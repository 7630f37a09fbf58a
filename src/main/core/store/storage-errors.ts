// What went wrong with the data file, in words a person can act on. SQLite and the file system speak
// in codes (SQLITE_FULL, EROFS, ...); this is the one place that turns them into sentences, for the
// start-up message (which names the path) and for a call that failed mid-session.
import { accessSync, constants, statSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Wording, WordingCode } from '../../../shared/wording'
import { UserFacingError } from '../user-facing-error'

export type StorageProblem = 'full' | 'read-only' | 'damaged' | 'io'

/** The error's `code` (SQLite's or the file system's), or '' when it has none. */
export function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code ?? '') : ''
}

/** The kind of storage failure an error is, or null when it is not one. */
export function storageProblem(error: unknown): StorageProblem | null {
  const code = codeOf(error)
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full'
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return 'read-only'
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT_'))
    return 'damaged'
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'io'
  return null
}

const DURING_USE: Record<StorageProblem, WordingCode> = {
  full: 'diskFull',
  'read-only': 'dataReadOnly',
  damaged: 'dataDamaged',
  io: 'diskError',
}

/** What a storage failure during a call says; null when it is something else. */
export function storageWording(error: unknown): Wording | null {
  const problem = storageProblem(error)
  return problem ? ({ code: DURING_USE[problem], params: {} } as Wording) : null
}

/** A storage failure during a call, as an error the page can show; null when it is something else. */
export function storageFailure(error: unknown): UserFacingError | null {
  const said = storageWording(error)
  return said ? new UserFacingError('unavailable', said) : null
}

/** Any reason Roundtable cannot start on its data file; the message names the file and the cause. */
export class DataFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message)
    this.name = 'DataFileError'
  }
}

const CHOOSE_ANOTHER = 'or give Roundtable another data folder (--data-dir or ROUNDTABLE_DATA_DIR)'

/**
 * Looks at the place the data file must live before SQLite does, so that a folder where the file
 * should be, or a folder that cannot be written, is named as such instead of "disk I/O error".
 */
export function checkDataFilePlace(path: string): void {
  const file = statSync(path, { throwIfNoEntry: false })
  if (file?.isDirectory())
    throw new DataFileError(
      path,
      `Roundtable keeps its data in ${path}, but that is a folder, not a file. Move the folder away ${CHOOSE_ANOTHER}.`,
    )
  const folder = dirname(path)
  try {
    accessSync(folder, constants.W_OK)
  } catch (error) {
    throw startupFailure(path, error)
  }
  if (!file) return
  try {
    accessSync(path, constants.R_OK | constants.W_OK)
  } catch {
    // The folder is fine; the file itself is not ours to write (say, left behind by another user).
    throw new DataFileError(
      path,
      `Roundtable cannot read and write its data file ${path}: check who owns it and its permissions, ${CHOOSE_ANOTHER}.`,
    )
  }
}

/** An error met while creating or opening the data file, worded with its path and cause. */
export function startupFailure(path: string, error: unknown): DataFileError {
  if (error instanceof DataFileError) return error
  const folder = dirname(path)
  switch (storageProblem(error)) {
    case 'full':
      return new DataFileError(
        path,
        `There is no space left on the disk that holds ${path}. Free some space ${CHOOSE_ANOTHER}.`,
      )
    case 'read-only':
      return new DataFileError(
        path,
        `Roundtable cannot write to its data folder ${folder}: it is read-only or not yours. Make it writable ${CHOOSE_ANOTHER}.`,
      )
    case 'io':
      return new DataFileError(
        path,
        `The disk reported an error while opening ${path}. Check the disk ${CHOOSE_ANOTHER}.`,
      )
    default: {
      const code = codeOf(error)
      // mkdir answers EEXIST, and open ENOTDIR, when a part of the path is a file.
      if (code === 'ENOTDIR' || code === 'EEXIST')
        return new DataFileError(
          path,
          `Part of the path ${folder} is a file, not a folder. Fix the path ${CHOOSE_ANOTHER}.`,
        )
      const reason = error instanceof Error ? error.message : String(error)
      return new DataFileError(path, `Roundtable could not open its data file ${path} (${reason}).`)
    }
  }
}
