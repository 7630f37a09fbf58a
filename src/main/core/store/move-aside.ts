import { existsSync, renameSync } from 'node:fs'

/** Renames the file (and its WAL and shared memory) to `<path>.<label>-<time>` and returns that name. */
export function moveAside(path: string, now: Date, label: 'corrupt' | 'damaged'): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  const target = `${path}.${label}-${stamp}`
  renameSync(path, target)
  // The WAL and shared-memory files belong to the corrupt file; a fresh database must not replay them.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix)
  }
  return target
}
