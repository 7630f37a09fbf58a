// The browser's way to the core: calls as POST /api/call/<name>, events over one WebSocket that
// reconnects on its own. The token arrives once in the printed address; the page keeps it for this tab
// and shows it only to its own origin: as a header on calls and a subprotocol on the socket. Never a
// cookie, which the browser would hand to every other server on 127.0.0.1 as well.
import type { Transport } from '../../../shared/client'
import type { EventName, EventPayload } from '../../../shared/contract'
import type { CallResult } from '../../../shared/errors'
import { EVENTS_PROTOCOL, TOKEN_PROTOCOL_PREFIX, TOKEN_STORAGE_KEY } from '../../../shared/web-auth'

export const RECONNECTED_EVENT = 'roundtable:reconnected'
/** The event socket closed: the page says so until it is back (RECONNECTED_EVENT). */
export const DISCONNECTED_EVENT = 'roundtable:disconnected'
/** Sent when the page has no token, or the web host refused the one it has (it was restarted). */
export const ACCESS_LOST_EVENT = 'roundtable:access-lost'

let accessLost = false

/** Whether the page has (or had, before a restart of the web host) no way in. */
export function hasLostAccess(): boolean {
  return accessLost
}

function loseAccess(): void {
  if (accessLost) return
  accessLost = true
  window.dispatchEvent(new Event(ACCESS_LOST_EVENT))
}

// What the web host makes (base64url): anything else cannot be ours, and would not even be a valid
// WebSocket subprotocol name.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,200}$/

/** The token from the address (then taken out of it, its history entry and any screenshot), or this tab's. */
function takeToken(): string {
  const params = new URLSearchParams(window.location.search)
  const fromAddress = params.get('token')
  if (fromAddress !== null) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromAddress)
    params.delete('token')
    const rest = params.toString()
    window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}`)
  }
  const token = sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? ''
  return TOKEN_SHAPE.test(token) ? token : ''
}

export function webTransport(): Transport {
  const token = takeToken()
  if (!token) accessLost = true
  const listeners = new Map<EventName, Set<(payload: never) => void>>()
  let attempts = 0

  const connect = (isReconnect: boolean) => {
    // Without a token the web host would only refuse the socket, every few seconds, for ever.
    if (accessLost) return
    const url = new URL('/api/events', window.location.href)
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
    url.search = ''
    const socket = new WebSocket(url, [EVENTS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`])
    socket.addEventListener('open', () => {
      attempts = 0
      // Events sent while disconnected are lost: whoever shows state must reload it.
      if (isReconnect) window.dispatchEvent(new Event(RECONNECTED_EVENT))
    })
    socket.addEventListener('message', (message) => {
      let frame: { event?: unknown; payload?: unknown }
      try {
        frame = JSON.parse(String(message.data))
      } catch {
        return
      }
      if (typeof frame.event !== 'string') return
      // Only names someone subscribed to (contract events, by the types of `subscribe`) have
      // listeners, so any other name reaches nobody: no list of event names needed here.
      for (const listener of listeners.get(frame.event as EventName) ?? []) listener(frame.payload as never)
    })
    socket.addEventListener('close', () => {
      // Said once a connection that was up is lost, not again for every retry that fails.
      if (attempts === 0) window.dispatchEvent(new Event(DISCONNECTED_EVENT))
      attempts += 1
      setTimeout(() => connect(true), Math.min(5_000, 250 * 2 ** Math.min(attempts, 5)))
    })
  }
  connect(false)

  return {
    async invoke(name, input) {
      let response: Response
      try {
        response = await fetch(`/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ input }),
          credentials: 'omit',
        })
      } catch {
        return failure('Roundtable is not reachable. Is `npm run serve` still running?')
      }
      if (response.status === 401) {
        loseAccess()
        return failure('This page lost its access. Open the address Roundtable printed when it started.')
      }
      try {
        return (await response.json()) as CallResult<unknown>
      } catch {
        return failure(`Roundtable answered with an unexpected response (${response.status}).`)
      }
    },
    subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      let set = listeners.get(event)
      if (!set) {
        set = new Set()
        listeners.set(event, set)
      }
      const entry = listener as (payload: never) => void
      set.add(entry)
      return () => {
        set.delete(entry)
      }
    },
  }
}

function failure(message: string): CallResult<never> {
  return { ok: false, error: { code: 'unavailable', message } }
}
