// Writing an answer, and refusing one without reading what a caller without the token sends.
import type { IncomingMessage, ServerResponse } from 'node:http'

// A refused request with a body at most this big is read (and dropped) so the client sees the answer
// cleanly; anything larger, or of unknown size, is not read at all.
const DRAIN_LIMIT_BYTES = 16 * 1024

/** Answers and closes the connection without reading a body worth reading. */
export function answerAndClose(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  body: unknown,
): void {
  const length = Number(request.headers['content-length'] ?? 0)
  const small = request.headers['transfer-encoding'] === undefined && length <= DRAIN_LIMIT_BYTES
  response.shouldKeepAlive = false
  if (small) request.resume()
  else response.once('finish', () => request.socket.destroy())
  sendJson(response, status, body)
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  response.end(text)
}
