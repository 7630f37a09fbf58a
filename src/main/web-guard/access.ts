// Who may call: the request's Host and Origin must be ours (DNS rebinding, other sites), and the token
// must be shown where the caller put it on purpose.
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { TOKEN_PROTOCOL_PREFIX } from '../../shared/web-auth'

export type Verdict = 'ok' | 'bad-host' | 'bad-origin' | 'no-token'

/**
 * Host must be ours (DNS rebinding), Origin, when a browser sends one, must be ours (other sites), and
 * the token presented must match. The token is only ever read from where the caller put it on purpose:
 * never from a cookie, which the browser would also send to any other server on this machine.
 */
export function checkAccess(
  request: IncomingMessage,
  allowedHosts: ReadonlySet<string>,
  token: string,
  presented: string | null,
): Verdict {
  const place = checkPlace(request, allowedHosts)
  if (place !== 'ok') return place
  return presented !== null && sameSecret(presented, token) ? 'ok' : 'no-token'
}

/** Host and Origin only: for what anyone on this machine may load, such as the page itself. */
export function checkPlace(
  request: IncomingMessage,
  allowedHosts: ReadonlySet<string>,
): Exclude<Verdict, 'no-token'> {
  if (!allowedHosts.has(request.headers.host ?? '')) return 'bad-host'
  const origin = request.headers.origin
  if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) return 'bad-origin'
  return 'ok'
}

export function bearerToken(request: IncomingMessage): string | null {
  const authorization = request.headers.authorization
  return authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : null
}

/** The token a WebSocket offered as a subprotocol (a browser cannot set headers on a WebSocket). */
export function protocolToken(request: IncomingMessage): string | null {
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim())
  const entry = offered.find((protocol) => protocol.startsWith(TOKEN_PROTOCOL_PREFIX))
  return entry ? entry.slice(TOKEN_PROTOCOL_PREFIX.length) : null
}

function sameSecret(candidate: string, token: string): boolean {
  const a = Buffer.from(candidate)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}
