// Against the real OS keyring. On Linux run it inside a private D-Bus session with an unlocked
// gnome-keyring:
//   dbus-run-session -- sh -c 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; npx vitest run src/main/core/secrets'
// Without a reachable keyring these tests are skipped, unless ROUNDTABLE_REQUIRE_KEYRING=1 makes them fail.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../store/database'
import { describeError } from './errors'
import { KeychainStore, PROBE_ACCOUNT, probeKeychain, tryLoadKeytar } from './keychain-store'
import { openSecretStore } from './open-secret-store'

const SERVICE = `Roundtable-test-${randomBytes(6).toString('hex')}`
const loaded = tryLoadKeytar()
const keytar = loaded.keytar
// Decided once, before any test: is there a keyring to test against, and if not, why not.
const unreachable: string | null = await keyringProblem()

/**
 * The read-only probe openSecretStore uses, then a write: a keyring whose collection is locked (a
 * Secret Service with no way to prompt for its password) answers reads but refuses to store anything.
 */
async function keyringProblem(): Promise<string | null> {
  if (!keytar) return loaded.reason
  const probe = await probeKeychain(keytar, SERVICE, 5000)
  if (probe !== null) return probe
  const check = 'write-check'
  try {
    await withTimeout(keytar.setPassword(SERVICE, check, 'not a secret'), 5000)
    await withTimeout(keytar.deletePassword(SERVICE, check), 5000)
    return null
  } catch (error) {
    return `the keyring answers but cannot store a key: ${describeError(error)}`
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

const required = process.env.ROUNDTABLE_REQUIRE_KEYRING === '1'
const skip = unreachable !== null && !required
const suffix = skip ? ` (skipped: keyring unreachable: ${unreachable})` : ''

/** The keytar to test with; fails the test, with the reason, when the keyring cannot be reached. */
function reachableKeytar() {
  if (unreachable !== null || keytar === null) {
    throw new Error(
      `The OS keyring is unreachable (${unreachable}), and ROUNDTABLE_REQUIRE_KEYRING=1 requires it. ` +
        'Run inside dbus-run-session with gnome-keyring-daemon unlocked.',
    )
  }
  return keytar
}

const usedAccounts = new Set<string>()
function account(name: string): string {
  const full = `${name}-${randomBytes(4).toString('hex')}`
  usedAccounts.add(full)
  return full
}

const tempDirs: string[] = []

afterAll(async () => {
  if (keytar && unreachable === null) {
    for (const name of usedAccounts) await keytar.deletePassword(SERVICE, name)
    // Nothing of this run may be left in the person's keyring.
    expect(await keytar.findCredentials(SERVICE)).toEqual([])
  }
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

describe('KeychainStore against the real keyring', () => {
  it.skipIf(skip)(`stores, reads, replaces and deletes a key${suffix}`, async () => {
    const store = new KeychainStore(reachableKeytar(), SERVICE)
    const id = account('openai')
    expect(store.backend).toBe('keychain')
    expect(await store.get(id)).toBeNull()

    await store.set(id, 'sk-first  ')
    // Stored exactly as given: callers trim, the store does not.
    expect(await store.get(id)).toBe('sk-first  ')

    await store.set(id, 'sk-second')
    expect(await store.get(id)).toBe('sk-second')

    await store.delete(id)
    expect(await store.get(id)).toBeNull()
    // Deleting what is not there is not an error.
    await store.delete(id)
    expect(await store.get(id)).toBeNull()
  })

  it.skipIf(skip)(`keeps accounts apart under one service${suffix}`, async () => {
    const store = new KeychainStore(reachableKeytar(), SERVICE)
    const a = account('anthropic')
    const b = account('azure')
    await store.set(a, 'key-a')
    await store.set(b, 'key-b')
    expect(await store.get(a)).toBe('key-a')
    expect(await store.get(b)).toBe('key-b')
    await store.delete(a)
    expect(await store.get(a)).toBeNull()
    expect(await store.get(b)).toBe('key-b')
    await store.delete(b)
  })

  it.skipIf(skip)(`rejects an empty account${suffix}`, async () => {
    const store = new KeychainStore(reachableKeytar(), SERVICE)
    await expect(store.get('')).rejects.toThrow(/provider/)
    await expect(store.set('', 'x')).rejects.toThrow(/provider/)
    await expect(store.delete('')).rejects.toThrow(/provider/)
  })

  it.skipIf(skip)(`probeKeychain answers null and writes nothing${suffix}`, async () => {
    const real = reachableKeytar()
    expect(await probeKeychain(real, SERVICE)).toBeNull()
    expect(await real.getPassword(SERVICE, PROBE_ACCOUNT)).toBeNull()
  })

  it.skipIf(skip)(`openSecretStore picks the keychain, with no warning${suffix}`, async () => {
    reachableKeytar()
    const dir = mkdtempSync(join(tmpdir(), 'roundtable-keychain-'))
    tempDirs.push(dir)
    const { db } = openDatabase(join(dir, 'roundtable.db'))
    try {
      // keytar left undefined: openSecretStore loads the real module itself.
      const { store, warning } = await openSecretStore({ db, service: SERVICE })
      expect(store.backend).toBe('keychain')
      expect(warning).toBeNull()

      const id = account('groq')
      await store.set(id, 'gsk-real-keyring')
      expect(await store.get(id)).toBe('gsk-real-keyring')
      // The keychain holds it; SQLite does not.
      expect(db.prepare('SELECT count(*) AS n FROM secrets').get()).toEqual({ n: 0 })
      await store.delete(id)
      expect(await store.get(id)).toBeNull()
    } finally {
      db.close()
    }
  })
})
