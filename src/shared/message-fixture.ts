// One complete ChatMessage for tests to start from: every field set, an answer still streaming.
import type { ChatMessage } from './types'

export function chatMessage(overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: 'm1',
    chatId: 'c1',
    parentId: 'u1',
    role: 'assistant',
    content: '',
    thinking: '',
    status: 'streaming',
    error: null,
    errorKind: null,
    errorWording: null,
    provider: 'p1',
    model: 'test-model',
    finishReason: null,
    target: null,
    slot: null,
    mergedFrom: null,
    vote: null,
    preferred: false,
    cached: false,
    tokensIn: null,
    tokensOut: null,
    firstTokenMs: null,
    durationMs: null,
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  }
}
