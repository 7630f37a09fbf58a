// What an installer built by electron-builder would carry, worked out from the configuration's `files`
// and `asarUnpack` patterns and a list of the project's files, without building one. Patterns are
// read the way electron-builder reads them: in order, a pattern marks a path it matches as in, and a
// `!pattern` takes it out again. Production node_modules come along on their own (electron-builder
// copies the production dependency tree), still subject to the negated patterns.
import { minimatch } from 'minimatch'

export interface PackagingPatterns {
  files: readonly string[]
  asarUnpack?: readonly string[]
}

export interface PackageContents {
  /** Every path that goes into the package, sorted. */
  included: string[]
  /** The included paths kept beside app.asar (app.asar.unpacked), sorted. */
  unpacked: string[]
}

const MATCH = { dot: true } as const

/** Whether the ordered patterns leave `path` in: the last pattern that matches it decides. */
export function matchesInOrder(patterns: readonly string[], path: string): boolean {
  let inside = false
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!')
    const glob = negated ? pattern.slice(1) : pattern
    if (minimatch(path, glob, MATCH)) inside = !negated
  }
  return inside
}

/** `express` for `node_modules/express/index.js`, `@scope/name` for a scoped package. */
export function packageOf(path: string): string | null {
  const parts = path.split('/')
  if (parts[0] !== 'node_modules' || parts.length < 2) return null
  const first = parts[1] ?? ''
  if (first.startsWith('@')) return parts.length > 2 ? `${first}/${parts[2]}` : null
  return first
}

/**
 * The package's contents. `files` are paths relative to the project root with forward slashes;
 * `productionPackages` names the packages of the production dependency tree (see
 * `productionPackages`), the only ones of node_modules that are copied.
 */
export function packageContents(
  config: PackagingPatterns,
  files: readonly string[],
  productionPackages: ReadonlySet<string>,
): PackageContents {
  const negations = config.files.filter((pattern) => pattern.startsWith('!'))
  const included = files
    .filter((path) => {
      const name = packageOf(path)
      if (name !== null) return productionPackages.has(name) && matchesInOrder(['**', ...negations], path)
      return matchesInOrder(config.files, path)
    })
    .sort()
  const unpackPatterns = config.asarUnpack ?? []
  const unpacked = included.filter((path) => unpackPatterns.some((glob) => minimatch(path, glob, MATCH)))
  return { included, unpacked }
}

interface Lockfile {
  packages: Record<string, { dev?: boolean }>
}

/**
 * The top-level packages a production install keeps, from package-lock.json: every entry not marked
 * as needed only for development. (Nested copies live inside their parent's folder and go with it.)
 */
export function productionPackages(lock: Lockfile): Set<string> {
  const names = new Set<string>()
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!key.startsWith('node_modules/') || entry.dev) continue
    const name = packageOf(key)
    if (name !== null && key === `node_modules/${name}`) names.add(name)
  }
  return names
}
