import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mountSmallDisk } from '../../../../test/support/tmpfs'
import { LogFile, logFileNames } from './log-file'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roundtable-log-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const at = () => new Date('2025-01-02T03:04:05.678Z')

describe('LogFile', () => {
  it('writes one line per entry: ISO time, level, message', () => {
    const file = new LogFile({ dir: join(dir, 'logs'), now: at })
    expect(file.write('error', 'an answer failed: 500')).toBe(true)
    file.write('warn', 'two\nlines')
    expect(readFileSync(join(dir, 'logs', 'roundtable.log'), 'utf8')).toBe(
      '2025-01-02T03:04:05.678Z error an answer failed: 500\n2025-01-02T03:04:05.678Z warn two\n    lines\n',
    )
  })

  it('keeps at most the set number of files, none above the cap, the newest lines in roundtable.log', () => {
    const maxBytes = 300
    const file = new LogFile({ dir, maxBytes, maxFiles: 5, now: at })
    for (let index = 0; index < 200; index += 1) file.write('info', `line ${index} ${'x'.repeat(index % 40)}`)
    const names = readdirSync(dir).sort()
    expect(names).toEqual([...logFileNames(5)].sort())
    for (const name of names) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(maxBytes)
    const newest = readFileSync(join(dir, 'roundtable.log'), 'utf8')
    expect(newest).toContain('line 199 ')
    // Older lines move down the files in order: .1 holds what came just before roundtable.log.
    const before = readFileSync(join(dir, 'roundtable.1.log'), 'utf8').trim().split('\n').at(-1)
    const firstNewest = Number(newest.split('\n')[0]?.split(' ')[3])
    expect(before).toContain(`line ${firstNewest - 1} `)
    expect(file.files()).toHaveLength(5)
  })

  it('cuts a line longer than a whole file, without splitting a character', () => {
    const file = new LogFile({ dir, maxBytes: 100, now: at })
    file.write('error', 'é'.repeat(200))
    const text = readFileSync(join(dir, 'roundtable.log'))
    expect(text.length).toBeLessThanOrEqual(100)
    expect(text.toString('utf8')).not.toContain('\uFFFD')
    expect(text.toString('utf8').endsWith('\n')).toBe(true)
  })

  it('carries on from the size already on disk after a restart', () => {
    writeFileSync(join(dir, 'roundtable.log'), 'x'.repeat(250))
    const file = new LogFile({ dir, maxBytes: 300, now: at })
    file.write('info', 'this one does not fit beside the old ones')
    expect(readFileSync(join(dir, 'roundtable.1.log'), 'utf8')).toBe('x'.repeat(250))
    expect(readFileSync(join(dir, 'roundtable.log'), 'utf8')).toContain('does not fit')
  })

  it('redacts every line', () => {
    const file = new LogFile({ dir, now: at })
    file.write(
      'error',
      'request failed, Authorization: Bearer sk-live-abcdefghijklmnop0123 x-api-key: k3y-value',
    )
    const text = readFileSync(join(dir, 'roundtable.log'), 'utf8')
    expect(text).not.toContain('sk-live')
    expect(text).not.toContain('0123')
    expect(text).not.toContain('k3y-value')
    expect(text).toContain('Authorization: Bearer [redacted]')
  })

  it('drops and counts a line it cannot write, and says so once it can again', () => {
    // A file where the folder should be: no one, root included, can create a log inside it.
    const blocked = join(dir, 'not-a-folder')
    writeFileSync(blocked, '')
    const file = new LogFile({ dir: join(blocked, 'logs'), now: at })
    expect(() => file.write('error', 'lost')).not.toThrow()
    expect(file.write('error', 'lost too')).toBe(false)
    expect(file.dropped).toBe(2)

    rmSync(blocked)
    mkdirSync(join(blocked, 'logs'), { recursive: true })
    expect(file.write('error', 'back')).toBe(true)
    expect(readFileSync(join(blocked, 'logs', 'roundtable.log'), 'utf8')).toBe(
      '2025-01-02T03:04:05.678Z warn 2 log lines were lost\n2025-01-02T03:04:05.678Z error back\n',
    )
  })

  it('does not throw on a read-only folder or a full disk', (context) => {
    const disk = mountSmallDisk(64)
    if ('unavailable' in disk) return context.skip(disk.unavailable)
    try {
      const file = new LogFile({ dir: join(disk.path, 'logs'), maxBytes: 1024 * 1024, maxFiles: 2, now: at })
      // Full: 64 KB of disk for a 1 MB file.
      let written = 0
      for (let index = 0; index < 200; index += 1) if (file.write('info', 'y'.repeat(1_000))) written += 1
      expect(written).toBeGreaterThan(0)
      expect(file.dropped).toBeGreaterThan(0)
      // Read-only.
      disk.readOnly()
      expect(() => file.write('error', 'nowhere to go')).not.toThrow()
      expect(file.write('error', 'still nowhere')).toBe(false)
    } finally {
      disk.unmount()
    }
  })
})
