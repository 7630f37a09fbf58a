// A real, tiny file system for the tests of a full or read-only disk: a tmpfs mounted for the test
// (root in a sandbox can; elsewhere the tests say they skipped and why). Nothing outside it is touched.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface SmallDisk {
  path: string
  readOnly(): void
  unmount(): void
}

/** Mounts a tmpfs of `sizeKb`; returns why not when this machine does not allow it. */
export function mountSmallDisk(sizeKb: number): SmallDisk | { unavailable: string } {
  const path = mkdtempSync(join(tmpdir(), 'rt-disk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', path], { stdio: 'pipe' })
  } catch (error) {
    rmSync(path, { recursive: true, force: true })
    const reason = String((error as { stderr?: Buffer }).stderr ?? error)
      .trim()
      .split('\n')[0]
    return { unavailable: `cannot mount a tmpfs here (${reason || 'mount failed'})` }
  }
  return {
    path,
    readOnly: () => execFileSync('mount', ['-o', 'remount,ro', path], { stdio: 'pipe' }),
    unmount: () => {
      execFileSync('umount', [path], { stdio: 'pipe' })
      rmSync(path, { recursive: true, force: true })
    },
  }
}

/** Probed once per test file: whether small disks can be had, and if not, why. */
export function smallDisksUnavailable(): string | null {
  const disk = mountSmallDisk(64)
  if ('unavailable' in disk) return disk.unavailable
  disk.unmount()
  return null
}
