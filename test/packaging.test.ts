// The installers' configuration, checked here although no installer can be built on this machine:
// it satisfies electron-builder's own schema, and the files it selects from a real build are the app
// and nothing of its tests, with the native modules kept outside the asar.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import Ajv from 'ajv'
import { beforeAll, describe, expect, it } from 'vitest'
import { matchesInOrder, packageContents, productionPackages } from '../scripts/package-contents'

const root = fileURLToPath(new URL('..', import.meta.url))
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'))
const config = readJson('electron-builder.json')

/** Every file under `dir`, relative to the project root, skipping the folders named in `skip`. */
function walk(dir: string, skip: ReadonlySet<string> = new Set()): string[] {
  const found: string[] = []
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`
    if (entry.isDirectory()) {
      if (!skip.has(entry.name)) found.push(...walk(path, skip))
    } else found.push(path)
  }
  return found
}

describe('the electron-builder configuration', () => {
  it("validates against electron-builder's schema", () => {
    const schema = readJson('node_modules/app-builder-lib/scheme.json')
    // The options electron-builder compiles its own schema with.
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)
    const valid = validate(config)
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
    expect(validate({ ...config, notAnOption: true })).toBe(false)
  })

  it('names the app, every platform target and an icon for each', () => {
    expect(config.productName).toBe('Roundtable')
    expect(config.appId).toBe('app.roundtable.desktop')
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }])
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }])
    expect(config.fileAssociations).toEqual([])
    for (const icon of [config.mac.icon, config.win.icon, `${config.linux.icon}/512x512.png`])
      expect(existsSync(join(root, icon)), icon).toBe(true)
  })

  it('reads patterns in order, a later negation taking a path out', () => {
    expect(matchesInOrder(['out/**', '!**/*.map'], 'out/main/index.js')).toBe(true)
    expect(matchesInOrder(['out/**', '!**/*.map'], 'out/main/index.js.map')).toBe(false)
    expect(matchesInOrder(['out/**', '!**/*.map', '**/keep.map'], 'out/keep.map')).toBe(true)
    expect(matchesInOrder(['out/**'], 'src/main/index.ts')).toBe(false)
  })
})

describe('what the package carries', () => {
  let included: Set<string>
  let unpacked: Set<string>
  const native = [
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    'node_modules/keytar/build/Release/keytar.node',
  ]

  beforeAll(() => {
    if (!existsSync(join(root, 'out/main/index.js')))
      execFileSync(
        process.execPath,
        [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
        {
          cwd: root,
          stdio: 'ignore',
        },
      )
    const skip = new Set(['node_modules', '.git', 'dist', 'test-results', 'playwright-report'])
    const projectFiles = readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
      if (skip.has(entry.name)) return []
      return entry.isDirectory() ? walk(entry.name, skip) : [entry.name]
    })
    // Only the packages that matter here are listed, not all of node_modules: the two native modules
    // (with their compiled addon, which electron-builder rebuilds for Electron even where this
    // install has none), and development-only packages, which must stay out.
    const moduleFiles = ['node_modules/better-sqlite3', 'node_modules/keytar'].flatMap((dir) =>
      walk(dir, new Set(['node_modules'])),
    )
    const devFiles = ['node_modules/vitest/package.json', 'node_modules/electron-builder/package.json']
    const files = [...new Set([...projectFiles, ...moduleFiles, ...native, ...devFiles])].map((path) =>
      relative(root, join(root, path)).split('\\').join('/'),
    )
    const contents = packageContents(config, files, productionPackages(readJson('package-lock.json')))
    included = new Set(contents.included)
    unpacked = new Set(contents.unpacked)
    // A clean checkout has no build yet: this hook makes one first (about 10 s alone, longer while
    // other test files run beside it).
  }, 180_000)

  it('holds the main process, the preload, the page and package.json', () => {
    for (const path of ['out/main/index.js', 'out/main/read-worker.js', 'out/preload/index.cjs'])
      expect(included, path).toContain(path)
    expect(included).toContain('out/renderer/index.html')
    expect(included).toContain('package.json')
    expect([...included].some((path) => path.startsWith('out/renderer/assets/'))).toBe(true)
  })

  it('holds the native modules, unpacked beside the asar', () => {
    for (const path of [
      ...native,
      'node_modules/better-sqlite3/package.json',
      'node_modules/keytar/package.json',
    ]) {
      expect(included, path).toContain(path)
      expect(unpacked, path).toContain(path)
    }
    expect([...unpacked].every((path) => path.startsWith('node_modules/'))).toBe(true)
  })

  it('leaves out sources, tests, the fake provider, source maps and development packages', () => {
    const outside = (path: string) => !path.startsWith('out/') && !path.startsWith('node_modules/')
    expect([...included].filter(outside)).toEqual(['package.json'])
    for (const prefix of ['src/', 'test/', 'e2e/', 'bench/', 'scripts/', 'resources/'])
      expect(
        [...included].filter((path) => path.startsWith(prefix)),
        prefix,
      ).toEqual([])
    expect([...included].filter((path) => /\.map$|\.test\.|fake-provider/.test(path))).toEqual([])
    expect(included).not.toContain('out/main/serve.js')
    expect(included).not.toContain('node_modules/vitest/package.json')
    expect(included).not.toContain('node_modules/electron-builder/package.json')
  })
})
