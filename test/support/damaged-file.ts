// Data files with real damage: pages of the messages table overwritten with garbage, as a failing disk
// or a crash mid-write would leave them.
import { closeSync, openSync, writeSync } from 'node:fs'
import Database from 'better-sqlite3'
import { ChatStore } from '../../src/main/core/store/chat-store'
import { openDatabase } from '../../src/main/core/store/database'

/** A file with many chats and messages, closed cleanly (so everything is in the main file). */
export function buildFile(path: string, chats: number, messagesPerChat: number): void {
  const { db } = openDatabase(path)
  const store = new ChatStore(db)
  for (let c = 0; c < chats; c++) {
    const chat = store.createChat(`Chat ${c}`)
    let parent: string | null = null
    for (let m = 0; m < messagesPerChat; m++) {
      const message = store.addMessage({
        chatId: chat.id,
        parentId: parent,
        role: m % 2 === 0 ? 'user' : 'assistant',
        content: `message ${c}.${m} ${'lorem ipsum '.repeat(20)}`,
        status: 'complete',
      })
      parent = message.id
    }
  }
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
}

/** Overwrites whole pages of the messages table with garbage and returns their numbers. */
export function damageMessagePages(path: string, count: number): number[] {
  const probe = new Database(path, { readonly: true })
  const pageSize = probe.pragma('page_size', { simple: true }) as number
  const leaves = probe
    .prepare<[], { pageno: number }>(
      "SELECT pageno FROM dbstat WHERE name = 'messages' AND pagetype = 'leaf' ORDER BY pageno",
    )
    .all()
    .map((row) => row.pageno)
  probe.close()
  if (leaves.length <= count * 4) throw new Error(`only ${leaves.length} leaf pages: build a bigger file`)
  const chosen = Array.from(
    { length: count },
    (_, i) => leaves[Math.floor(((i + 1) * leaves.length) / (count + 1))] as number,
  )
  const fd = openSync(path, 'r+')
  try {
    for (const page of chosen) writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize)
  } finally {
    closeSync(fd)
  }
  return chosen
}
