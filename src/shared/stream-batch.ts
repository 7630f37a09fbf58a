// Applies a stream batch to the message it belongs to. Batches and call results travel on different
// channels (IPC events vs. invoke replies; a WebSocket vs. HTTP), so a batch can arrive before or after
// the snapshot it follows: offsets make repeats harmless and gaps visible.
import type { ChatMessage, StreamBatch } from './types'

export type BatchResult = { kind: 'applied'; message: ChatMessage } | { kind: 'gap' }

export function applyStreamBatch(message: ChatMessage, batch: StreamBatch): BatchResult {
  const text = newPart(message.content, batch.offset, batch.append)
  const thinking = batch.thinking
    ? newPart(message.thinking, batch.thinking.offset, batch.thinking.append)
    : ''
  if (text === null || thinking === null) return { kind: 'gap' }
  if (text.length === 0 && thinking.length === 0 && !batch.final) return { kind: 'applied', message }
  return {
    kind: 'applied',
    message: {
      ...message,
      content: message.content + text,
      thinking: message.thinking + thinking,
      ...(batch.final && {
        status: batch.final.status,
        error: batch.final.error,
        errorKind: batch.final.errorKind ?? null,
        errorWording: batch.final.errorWording ?? null,
        finishReason: batch.final.finishReason ?? null,
        ...(batch.final.model && { model: batch.final.model, provider: batch.final.provider ?? null }),
        ...(batch.final.durationMs !== undefined && {
          tokensIn: batch.final.tokensIn ?? null,
          tokensOut: batch.final.tokensOut ?? null,
          firstTokenMs: batch.final.firstTokenMs ?? message.firstTokenMs,
          durationMs: batch.final.durationMs,
        }),
        ...(batch.final.cached && { cached: true }),
        ...(batch.final.route && { route: batch.final.route }),
        progress: null,
      }),
    },
  }
}

/** What `append` adds beyond what is already there; null when something between is missing. */
function newPart(have: string, offset: number, append: string): string | null {
  if (offset > have.length) return null
  const alreadyHave = have.length - offset
  return alreadyHave >= append.length ? '' : append.slice(alreadyHave)
}
