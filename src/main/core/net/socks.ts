// SOCKS5: an undici connector that opens each connection through the proxy (the `socks` package),
// wrapping it in TLS itself for https targets.
import { isIP, type Socket } from 'node:net'
import { type TLSSocket, connect as tlsConnect } from 'node:tls'
import { SocksClient } from 'socks'
import type { buildConnector } from 'undici'
import { ProxyError, scrubText } from './proxy-error'
import type { ParsedProxy } from './proxy-url'

const CONNECT_TIMEOUT_MS = 10_000

/** Turns a `socks` package failure into an error with a code and no copy of the proxy options. */
function socksFailure(error: unknown, proxy: ParsedProxy, host: string, port: number): ProxyError {
  // SocksClientError keeps the options it was given, password included: never pass it on.
  const message = error instanceof Error ? error.message : String(error)
  let code = /\b(E[A-Z]{3,})\b/.exec(message)?.[1] ?? 'PROXY_FAILED'
  if (/authentication failed/i.test(message)) code = 'PROXY_AUTH_FAILED'
  else if (/no accepted authentication/i.test(message)) code = 'PROXY_AUTH_REQUIRED'
  else if (/timed out/i.test(message)) code = 'ETIMEDOUT'
  else if (/ConnectionRefused/.test(message)) code = 'ECONNREFUSED'
  else if (/HostUnreachable/.test(message)) code = 'EHOSTUNREACH'
  else if (/NetworkUnreachable/.test(message)) code = 'ENETUNREACH'
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`
  return new ProxyError(
    `Could not connect to ${where} through the SOCKS proxy ${proxy.redacted}: ${scrubText(message, proxy)}`,
    { code, proxy: proxy.redacted },
  )
}

export function socksConnector(proxy: ParsedProxy): buildConnector.connector {
  return (options, callback) => {
    const secure = options.protocol === 'https:'
    const port = options.port ? Number(options.port) : secure ? 443 : 80
    // undici strips the brackets of IPv6 literals from `hostname`; the proxy resolves names.
    const host = options.hostname
    let done = false
    const finish = (error: Error | null, socket?: Socket | TLSSocket) => {
      if (done) {
        socket?.destroy()
        return
      }
      done = true
      if (error || !socket) callback(error ?? new Error('No socket'), null)
      else callback(null, socket)
    }

    SocksClient.createConnection({
      command: 'connect',
      proxy: {
        host: proxy.hostname,
        port: proxy.port,
        type: 5,
        ...(proxy.username !== '' && { userId: proxy.username, password: proxy.password }),
      },
      destination: { host, port },
      timeout: CONNECT_TIMEOUT_MS,
      set_tcp_nodelay: true,
    }).then(
      ({ socket }) => {
        socket.setKeepAlive(true, 60_000)
        if (!secure) {
          finish(null, socket)
          return
        }
        const servername = options.servername || (isIP(host) === 0 ? host : undefined)
        const tlsSocket = tlsConnect({
          socket,
          ...(servername && { servername }),
          ALPNProtocols: ['http/1.1'],
        })
        // A custom connector replaces undici's, connect timeout included: the handshake gets its own.
        const timer = setTimeout(() => {
          tlsSocket.destroy(
            Object.assign(new Error(`TLS handshake with ${host}:${port} timed out`), { code: 'ETIMEDOUT' }),
          )
        }, CONNECT_TIMEOUT_MS)
        const settle = (error: Error | null) => {
          clearTimeout(timer)
          tlsSocket.off('secureConnect', onSecure)
          tlsSocket.off('error', onError)
          if (error) {
            tlsSocket.destroy()
            finish(error)
          } else {
            finish(null, tlsSocket)
          }
        }
        const onSecure = () => settle(null)
        const onError = (error: Error) => settle(error)
        tlsSocket.once('secureConnect', onSecure)
        tlsSocket.once('error', onError)
      },
      (error: unknown) => finish(socksFailure(error, proxy, host, port)),
    )
  }
}
