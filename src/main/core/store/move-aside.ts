import { existsSync, renameSync } from 'node:fs'

/**
 * Renames the file (and its WAL and shared memory) to `<path>.<label>-<time>` and returns that name:
 * `corrupt` for a file that is not a database at all, `damaged` for a database with bad pages. All or
 * nothing: a WAL must never be parted from its file, or a fresh database beside it would replay it.
 */
export function moveAside(path: string, now: Date, label: 'corrupt' | 'damaged'): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  const target = `${path}.${label}-${stamp}`
  const moved: string[] = []
  try {
    for (const suffix of ['', '-wal', '-shm']) {
      if (suffix !== '' && !existsSync(path + suffix)) continue
      renameSync(path + suffix, target + suffix)
      moved.push(suffix)
    }
  } catch (error) {
    for (const suffix of moved) renameSync(target + suffix, path + suffix)
    throw error
  }
  return target
}
