import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chatMessage } from '../../../shared/message-fixture'
import type { ChatMessage } from '../../../shared/types'
import { ChatStore } from '../store/chat-store'
import { openDatabase } from '../store/database'
import type { ChatService } from './chat-service'
import { ChatTurns, mergePrompt, withoutReasoning } from './chat-turns'

describe('what a merge sends', () => {
  it('leaves reasoning out, closed or cut off, in any case of tag', () => {
    expect(withoutReasoning('<think>plan</think>Answer')).toBe('Answer')
    expect(withoutReasoning('A <THINKING>x</THINKING> B <reasoning>y</reasoning> C')).toBe('A  B  C')
    expect(withoutReasoning('<think>cut off mid-thought')).toBe('')
    // A tag the answer merely mentions, never closed, is text.
    expect(withoutReasoning('Use a <think> tag to start. Rest of it.')).toBe(
      'Use a <think> tag to start. Rest of it.',
    )
    // Letters whose lower case is longer do not shift what is cut.
    expect(withoutReasoning('İİİİ <think>secret</think> Answer here')).toBe('İİİİ  Answer here')
    expect(withoutReasoning('no tags at all')).toBe('no tags at all')
  })

  it('reads a hostile answer full of tags in one pass', () => {
    const hostile = `${'<think>'.repeat(50_000)}${'<think>a</think>b'.repeat(20_000)}`
    const started = performance.now()
    withoutReasoning(hostile)
    withoutReasoning('<think>a</think>b'.repeat(50_000))
    // Generous: quadratic work on these inputs takes seconds.
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  it('names no model, so the merging model judges what was said', () => {
    const answers = [
      chatMessage({ content: 'First <think>hmm</think>answer', model: 'gpt-x' }),
      chatMessage({ content: 'Second answer', model: 'claude-y' }),
    ]
    const prompt = mergePrompt('Combine them.', 'Why?', answers)
    expect(prompt).toBe(
      'Combine them.\n\nThe question:\nWhy?\n\nAnswer 1:\nFirst answer\n\nAnswer 2:\nSecond answer',
    )
    expect(prompt).not.toMatch(/gpt-x|claude-y/)
  })
})

describe('a thread read on the reads worker, brought up to now', () => {
  it('reads again an answer that was streaming when read and has ended since', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rt-turns-'))
    const { db } = openDatabase(join(dir, 'roundtable.db'))
    try {
      const store = new ChatStore(db)
      const chat = store.createChat('Race')
      const answer = store.addMessage({
        chatId: chat.id,
        parentId: null,
        role: 'assistant',
        content: 'Half',
        status: 'streaming',
      })
      // No stream is live in this service: every answer it is asked about has ended.
      const service = { liveContent: () => undefined } as unknown as ChatService
      const turns = new ChatTurns(store, service, () => null)
      const readWhileStreaming = store.getMessage(answer.id) as ChatMessage
      store.finishMessage(answer.id, { status: 'complete', error: null }, ' and the rest')
      const [current] = turns.currentMessages([readWhileStreaming])
      expect(current).toMatchObject({ status: 'complete', content: 'Half and the rest' })
    } finally {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
