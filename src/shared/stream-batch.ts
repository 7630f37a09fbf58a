// Applies a stream batch to the message it belongs to. Batches and call results travel on different
// channels (IPC events vs. invoke replies; a WebSocket vs. HTTP), so a batch can arrive before or after
// the snapshot it follows: offsets make repeats harmless and gaps visible.
import type { ChatMessage, StreamBatch } from './types'

export type BatchResult = { kind: 'applied'; message: ChatMessage } | { kind: 'gap' }

export function applyStreamBatch(message: ChatMessage, batch: StreamBatch): BatchResult {
  const have = message.content.length
  if (batch.offset > have) return { kind: 'gap' }
  const alreadyHave = have - batch.offset
  const fresh = alreadyHave >= batch.append.length ? '' : batch.append.slice(alreadyHave)
  if (fresh.length === 0 && !batch.final) return { kind: 'applied', message }
  return {
    kind: 'applied',
    message: {
      ...message,
      content: message.content + fresh,
      ...(batch.final && { status: batch.final.status, error: batch.final.error }),
    },
  }
}
