import type { Migration } from './migration'

/**
 * A stored key is bound to the origin (scheme, host, port) it was saved for, and is never sent anywhere
 * else. Keys saved before this version are taken to belong to the server their provider points at now.
 */
export const keyOrigin: Migration = {
  version: 3,
  description: 'bind each provider key to the origin it was saved for',
  up(db) {
    db.exec('ALTER TABLE providers ADD COLUMN key_origin TEXT')
    const rows = db.prepare<[], { id: string; base_url: string }>('SELECT id, base_url FROM providers').all()
    const bind = db.prepare('UPDATE providers SET key_origin = ? WHERE id = ?')
    for (const row of rows) bind.run(originAtVersion3(row.base_url), row.id)
  },
}

// A copy, not an import: a shipped migration must keep doing what it did when it shipped.
function originAtVersion3(baseURL: string): string | null {
  try {
    const origin = new URL(baseURL).origin
    return origin === 'null' ? null : origin
  } catch {
    return null
  }
}
