// Plays the main process for `ours`: fetches the 8 streams, parses their SSE and posts StreamBatch
// objects about once a frame per stream, off the page's main thread, as the app's main process does
// over IPC. Each batch arrives on the page as a task of its own, however busy the page is.
import { batchingSink, type FeedMessage, type FeedRequest, stream, streamProtocols } from './sse'

const post = (message: FeedMessage) => self.postMessage(message)

self.onmessage = (event: MessageEvent<FeedRequest>) => {
  const { chatId, answerIds, words } = event.data
  let chars = 0
  const counted = (text: string) => {
    chars += text.length
    return text
  }
  let firstByte = false
  const onFirstByte = () => {
    if (firstByte) return
    firstByte = true
    post({ type: 'first-byte' })
  }
  const sinks = answerIds.map((id) =>
    batchingSink(chatId, id, (batch) => post({ type: 'batch', batch }), counted),
  )
  Promise.all(sinks.map((sink, i) => stream(i, words, sink, onFirstByte))).then(
    (times) => {
      post({ type: 'done', times, chars })
      setTimeout(() => post({ type: 'protocols', protocols: streamProtocols() }), 200)
    },
    (error: unknown) =>
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  )
}
