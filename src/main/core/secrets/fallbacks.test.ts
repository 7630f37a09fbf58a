// The fallbacks, with no D-Bus: test doubles for keytar and for Electron's safeStorage.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type Db, openDatabase } from '../store/database'
import { SecretStoreError } from './errors'
import { KeychainStore, PROBE_ACCOUNT, probeKeychain } from './keychain-store'
import { MemoryStore } from './memory-store'
import { openSecretStore } from './open-secret-store'
import { SafeStorageStore, safeStorageRefusal } from './safe-storage-store'
import type { Encryptor, KeytarLike, SecretStore } from './types'

/** A keytar whose every call fails the way keytar does on Linux without a session bus. */
function unreachableKeytar(message = 'Cannot autolaunch D-Bus without X11 $DISPLAY'): KeytarLike {
  const fail = () =>
    vi.fn(async (..._args: unknown[]): Promise<never> => {
      throw new Error(message)
    })
  return { getPassword: fail(), setPassword: fail(), deletePassword: fail(), findCredentials: fail() }
}

/** A keytar whose calls never settle, like a Secret Service that does not answer. */
function hangingKeytar(): KeytarLike {
  const hang = () => vi.fn((..._args: unknown[]) => new Promise<never>(() => {}))
  return { getPassword: hang(), setPassword: hang(), deletePassword: hang(), findCredentials: hang() }
}

/** A keytar that works, in memory: for the KeychainStore logic without a keyring. */
function workingKeytar(): KeytarLike & { entries: Map<string, string> } {
  const entries = new Map<string, string>()
  const key = (service: string, account: string) => `${service}\u0000${account}`
  return {
    entries,
    getPassword: vi.fn(
      async (service: string, account: string) => entries.get(key(service, account)) ?? null,
    ),
    setPassword: vi.fn(async (service: string, account: string, password: string) => {
      entries.set(key(service, account), password)
    }),
    deletePassword: vi.fn(async (service: string, account: string) => entries.delete(key(service, account))),
    findCredentials: vi.fn(async () => {
      throw new Error('findCredentials must not be used')
    }),
  }
}

const TEST_DOUBLE_HEADER = Buffer.from('XOR-TEST-DOUBLE:')

/**
 * TEST DOUBLE for Electron's safeStorage: XOR with a fixed byte behind a header. Reversible and not the
 * plain text, which is all these tests need; it protects nothing.
 */
class XorTestDoubleEncryptor implements Encryptor {
  constructor(
    private readonly storageBackend: string | undefined = 'gnome_libsecret',
    private readonly available = true,
  ) {}
  isEncryptionAvailable(): boolean {
    return this.available
  }
  getSelectedStorageBackend(): string {
    if (this.storageBackend === undefined) throw new Error('only on Linux')
    return this.storageBackend
  }
  encryptString(plain: string): Buffer {
    const body = Buffer.from(plain, 'utf8').map((byte) => byte ^ 0x5a)
    return Buffer.concat([TEST_DOUBLE_HEADER, body])
  }
  decryptString(encrypted: Buffer): string {
    if (!encrypted.subarray(0, TEST_DOUBLE_HEADER.length).equals(TEST_DOUBLE_HEADER)) {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
    }
    return Buffer.from(encrypted.subarray(TEST_DOUBLE_HEADER.length).map((byte) => byte ^ 0x5a)).toString(
      'utf8',
    )
  }
}

function freshSecret(): string {
  return `sk-test-${randomBytes(16).toString('hex')}`
}

let dir: string
let dbPath: string
let open: Db[] = []

function openDb(): Db {
  const { db } = openDatabase(dbPath)
  open.push(db)
  return db
}

function closeDb(db: Db): void {
  db.close()
  open = open.filter((d) => d !== db)
}

/** Every byte SQLite has on disk for the file: the database itself and its WAL, if any. */
function rawBytes(): Buffer {
  const parts = [readFileSync(dbPath)]
  if (existsSync(`${dbPath}-wal`)) parts.push(readFileSync(`${dbPath}-wal`))
  return Buffer.concat(parts)
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roundtable-secrets-'))
  dbPath = join(dir, 'roundtable.db')
})

afterEach(() => {
  for (const db of open) db.close()
  open = []
  rmSync(dir, { recursive: true, force: true })
})

async function expectStoreContract(store: SecretStore): Promise<void> {
  expect(await store.get('p1')).toBeNull()
  await store.set('p1', ' spaced key ')
  expect(await store.get('p1')).toBe(' spaced key ')
  await store.set('p1', 'replaced')
  expect(await store.get('p1')).toBe('replaced')
  await store.set('p2', 'other')
  await store.delete('p1')
  expect(await store.get('p1')).toBeNull()
  expect(await store.get('p2')).toBe('other')
  await store.delete('p1')
  await store.delete('never-set')
  for (const call of [() => store.get(''), () => store.set('', 'x'), () => store.delete('')]) {
    await expect(call()).rejects.toBeInstanceOf(SecretStoreError)
  }
  await expect(store.set('p3', '')).rejects.toBeInstanceOf(SecretStoreError)
}

describe('the stores keep the same contract', () => {
  it('MemoryStore', async () => {
    await expectStoreContract(new MemoryStore())
  })

  it('SafeStorageStore', async () => {
    await expectStoreContract(new SafeStorageStore(openDb(), new XorTestDoubleEncryptor()))
  })

  it('KeychainStore over a keytar double, without ever listing credentials', async () => {
    const keytar = workingKeytar()
    await expectStoreContract(new KeychainStore(keytar, 'Roundtable-double'))
    expect(keytar.findCredentials).not.toHaveBeenCalled()
    expect([...keytar.entries.keys()].every((k) => k.startsWith('Roundtable-double\u0000'))).toBe(true)
  })

  it('MemoryStore shows no key when inspected or serialized', async () => {
    const store = new MemoryStore()
    const secret = freshSecret()
    await store.set('openai', secret)
    expect(inspect(store, { showHidden: true, depth: 10 })).not.toContain(secret)
    expect(JSON.stringify(store)).not.toContain(secret)
  })
})

describe('probeKeychain', () => {
  it('reads only the probe account', async () => {
    const keytar = workingKeytar()
    expect(await probeKeychain(keytar, 'Roundtable-x', 1000)).toBeNull()
    expect(keytar.getPassword).toHaveBeenCalledExactlyOnceWith('Roundtable-x', PROBE_ACCOUNT)
    expect(keytar.findCredentials).not.toHaveBeenCalled()
  })

  it('gives the reason when keytar fails, asynchronously or not', async () => {
    expect(await probeKeychain(unreachableKeytar('no bus\nsecond line'), 'S', 1000)).toMatch(/no bus$/)
    const throwsAtOnce: KeytarLike = {
      ...unreachableKeytar(),
      getPassword: () => {
        throw new Error('sync failure')
      },
    }
    expect(await probeKeychain(throwsAtOnce, 'S', 1000)).toMatch(/sync failure/)
  })

  it('treats a hung keychain as unreachable after the timeout', async () => {
    expect(await probeKeychain(hangingKeytar(), 'S', 30)).toMatch(/did not answer within 30 ms/)
  })
})

describe('safeStorageRefusal', () => {
  it('accepts a real backend, an unknown one, and none reported', () => {
    expect(safeStorageRefusal(new XorTestDoubleEncryptor('gnome_libsecret'))).toBeNull()
    expect(safeStorageRefusal(new XorTestDoubleEncryptor('kwallet6'))).toBeNull()
    expect(safeStorageRefusal(new XorTestDoubleEncryptor('unknown'))).toBeNull()
    expect(safeStorageRefusal(new XorTestDoubleEncryptor(undefined))).toBeNull()
    const { getSelectedStorageBackend: _, ...withoutBackend } = new XorTestDoubleEncryptor()
    expect(
      safeStorageRefusal({
        ...withoutBackend,
        isEncryptionAvailable: () => true,
        encryptString: (s) => Buffer.from(s),
        decryptString: (b) => b.toString(),
      }),
    ).toBeNull()
  })

  it('refuses basic_text, unavailable encryption, a throwing check, and no encryptor', () => {
    expect(safeStorageRefusal(new XorTestDoubleEncryptor('basic_text'))).toMatch(/basic_text/)
    expect(safeStorageRefusal(new XorTestDoubleEncryptor('gnome_libsecret', false))).toMatch(/cannot encrypt/)
    const early = new XorTestDoubleEncryptor()
    early.isEncryptionAvailable = () => {
      throw new Error('app not ready')
    }
    expect(safeStorageRefusal(early)).toMatch(/app not ready/)
    expect(safeStorageRefusal(null)).not.toBeNull()
  })

  it('is enforced by SafeStorageStore itself', () => {
    expect(() => new SafeStorageStore(openDb(), new XorTestDoubleEncryptor('basic_text'))).toThrow(
      SecretStoreError,
    )
  })
})

describe('openSecretStore falls back', () => {
  it('to safe storage when keytar fails; only ciphertext reaches the file; it survives a reopen', async () => {
    const secret = freshSecret()
    const encryptor = new XorTestDoubleEncryptor('gnome_libsecret')
    const keytar = unreachableKeytar()
    let db = openDb()
    const opened = await openSecretStore({ db, keytar, encryptor, probeTimeoutMs: 1000 })
    expect(opened.store.backend).toBe('safe-storage')
    expect(opened.warning).toMatch(/Cannot autolaunch D-Bus/)
    expect(opened.warning).not.toContain(secret)
    expect(keytar.findCredentials).not.toHaveBeenCalled()

    await opened.store.set('openai-main', secret)
    expect(await opened.store.get('openai-main')).toBe(secret)

    const row = db
      .prepare('SELECT ciphertext, updated_at FROM secrets WHERE account = ?')
      .get('openai-main') as {
      ciphertext: Buffer
      updated_at: number
    }
    expect(Buffer.isBuffer(row.ciphertext)).toBe(true)
    expect(row.ciphertext.toString('utf8')).not.toContain(secret)
    expect(row.updated_at).toBeGreaterThan(0)

    // Before a checkpoint the rows are in the WAL; after one, in the main file. Neither holds the key.
    const beforeCheckpoint = rawBytes()
    expect(beforeCheckpoint.includes(secret)).toBe(false)
    db.pragma('wal_checkpoint(TRUNCATE)')
    const afterCheckpoint = rawBytes()
    expect(afterCheckpoint.includes(secret)).toBe(false)
    // The check reads the right bytes: the account name and the ciphertext are there.
    expect(afterCheckpoint.includes('openai-main')).toBe(true)
    expect(afterCheckpoint.includes(row.ciphertext)).toBe(true)

    closeDb(db)
    expect(readFileSync(dbPath).includes(secret)).toBe(false)
    db = openDb()
    const reopened = await openSecretStore({ db, keytar, encryptor, probeTimeoutMs: 1000 })
    expect(reopened.store.backend).toBe('safe-storage')
    expect(await reopened.store.get('openai-main')).toBe(secret)
    await reopened.store.delete('openai-main')
    expect(await reopened.store.get('openai-main')).toBeNull()
  })

  it('to memory when safe storage is basic_text, with a sentence a person understands', async () => {
    const secret = freshSecret()
    const { store, warning } = await openSecretStore({
      db: openDb(),
      keytar: unreachableKeytar(),
      encryptor: new XorTestDoubleEncryptor('basic_text'),
      probeTimeoutMs: 1000,
    })
    expect(store.backend).toBe('memory')
    expect(warning).toMatch(/^No keychain could be reached \(.*Cannot autolaunch D-Bus.*\)/)
    expect(warning).toMatch(/basic_text/)
    expect(warning).toMatch(/kept only until Roundtable closes\.$/)
    await store.set('openai', secret)
    expect(await store.get('openai')).toBe(secret)
    expect(warning).not.toContain(secret)
    expect(readFileSync(dbPath).includes(secret)).toBe(false)
  })

  it('to memory when encryption is unavailable', async () => {
    const { store, warning } = await openSecretStore({
      db: openDb(),
      keytar: unreachableKeytar(),
      encryptor: new XorTestDoubleEncryptor('gnome_libsecret', false),
      probeTimeoutMs: 1000,
    })
    expect(store.backend).toBe('memory')
    expect(warning).toMatch(/cannot encrypt/)
    expect(warning).toMatch(/until Roundtable closes/)
  })

  it('to memory with neither keytar nor an encryptor', async () => {
    const { store, warning } = await openSecretStore({ db: openDb(), keytar: null, encryptor: null })
    expect(store.backend).toBe('memory')
    expect(warning).toMatch(/until Roundtable closes/)
    expect(warning).not.toMatch(/null|undefined/)
  })

  it('past a keychain that hangs longer than probeTimeoutMs', async () => {
    const keytar = hangingKeytar()
    const { store, warning } = await openSecretStore({
      db: openDb(),
      keytar,
      encryptor: new XorTestDoubleEncryptor('gnome_libsecret'),
      probeTimeoutMs: 40,
    })
    expect(store.backend).toBe('safe-storage')
    expect(warning).toMatch(/did not answer within 40 ms/)
    expect(keytar.setPassword).not.toHaveBeenCalled()
  })

  it('not at all when the keychain answers', async () => {
    const keytar = workingKeytar()
    const { store, warning } = await openSecretStore({
      db: openDb(),
      keytar,
      encryptor: new XorTestDoubleEncryptor(),
      service: 'Roundtable-double',
    })
    expect(store.backend).toBe('keychain')
    expect(warning).toBeNull()
  })
})

describe('errors never carry the secret', () => {
  it('from a keychain whose error echoes the password', async () => {
    const secret = freshSecret()
    const keytar: KeytarLike = {
      ...workingKeytar(),
      setPassword: async (_s, _a, password) => {
        throw new Error(`org.freedesktop.Secret.Error.IsLocked: cannot store "${password}"`)
      },
    }
    const error = await new KeychainStore(keytar).set('openai', secret).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecretStoreError)
    expect((error as Error).message).toMatch(/Could not save the key for "openai"/)
    expect((error as Error).message).not.toContain(secret)
    expect(inspect(error)).not.toContain(secret)
  })

  it('from an encryptor whose error echoes the plain text', async () => {
    const secret = freshSecret()
    const encryptor = new XorTestDoubleEncryptor()
    encryptor.encryptString = (plain) => {
      throw new Error(`cannot encrypt ${plain}`)
    }
    const error = await new SafeStorageStore(openDb(), encryptor)
      .set('openai', secret)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecretStoreError)
    expect((error as Error).message).not.toContain(secret)
    expect(inspect(error)).not.toContain(secret)
  })

  it('when a stored ciphertext cannot be decrypted', async () => {
    const db = openDb()
    db.prepare('INSERT INTO secrets (account, ciphertext, updated_at) VALUES (?, ?, ?)').run(
      'openai',
      Buffer.from('not ours'),
      1,
    )
    await expect(new SafeStorageStore(db, new XorTestDoubleEncryptor()).get('openai')).rejects.toThrow(
      /could not be decrypted.*enter the key again/,
    )
  })
})
