// A tiny SOCKS5 server for tests, on 127.0.0.1, written from RFC 1928 (and RFC 1929 for user name
// and password). CONNECT only; IPv4, domain-name and IPv6 destinations. It records every target it
// was asked for and can map host names to addresses (so a test can name a host only it can reach).
import { createServer, isIP, connect as netConnect, type Socket } from 'node:net'

export interface Socks5ProxyOptions {
  /** When set, only the user name/password method (0x02) is offered, with these credentials. */
  auth?: { username: string; password: string }
  /** Maps the destination a client asked for to the address the proxy connects to. */
  resolve?: (host: string) => string
}

export interface RunningSocks5Proxy {
  /** socks5://127.0.0.1:PORT, without credentials. */
  url: string
  port: number
  /** Every CONNECT it accepted, as `host:port` (`[v6]:port` for IPv6). */
  targets: string[]
  /** How many clients failed authentication or offered no acceptable method. */
  authFailures: number
  close(): Promise<void>
}

const VERSION = 0x05
const METHOD_NONE = 0x00
const METHOD_USERPASS = 0x02
const NO_ACCEPTABLE = 0xff
const CMD_CONNECT = 0x01
const ATYP_IPV4 = 0x01
const ATYP_DOMAIN = 0x03
const ATYP_IPV6 = 0x04

const REPLY = {
  succeeded: 0x00,
  generalFailure: 0x01,
  networkUnreachable: 0x03,
  hostUnreachable: 0x04,
  connectionRefused: 0x05,
  commandNotSupported: 0x07,
  addressTypeNotSupported: 0x08,
} as const

/** Reads exact byte counts from a socket that is still in the handshake. */
class ByteReader {
  private buffer = Buffer.alloc(0)
  private waiting: { size: number; resolve: (bytes: Buffer) => void; reject: (e: Error) => void } | null =
    null
  private ended = false
  private readonly onData = (chunk: Buffer) => {
    this.buffer = Buffer.concat([this.buffer, chunk])
    this.pump()
  }
  private readonly onEnd = () => {
    this.ended = true
    this.pump()
  }

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData)
    socket.on('end', this.onEnd)
    socket.on('close', this.onEnd)
  }

  read(size: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.waiting = { size, resolve, reject }
      this.pump()
    })
  }

  /** Stops reading; returns whatever arrived beyond the handshake. */
  detach(): Buffer {
    this.socket.off('data', this.onData)
    this.socket.off('end', this.onEnd)
    this.socket.off('close', this.onEnd)
    const rest = this.buffer
    this.buffer = Buffer.alloc(0)
    return rest
  }

  private pump(): void {
    const waiting = this.waiting
    if (!waiting) return
    if (this.buffer.length >= waiting.size) {
      this.waiting = null
      const bytes = this.buffer.subarray(0, waiting.size)
      this.buffer = this.buffer.subarray(waiting.size)
      waiting.resolve(bytes)
    } else if (this.ended) {
      this.waiting = null
      waiting.reject(new Error('client went away during the handshake'))
    }
  }
}

function ipv6FromBytes(bytes: Buffer): string {
  const groups: string[] = []
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16))
  // Let the URL parser write the compressed form (2001:db8::1).
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1)
}

function reply(code: number, boundAddress = '0.0.0.0', boundPort = 0): Buffer {
  const ipv4 = isIP(boundAddress) === 4 ? boundAddress : '0.0.0.0'
  const out = Buffer.alloc(10)
  out[0] = VERSION
  out[1] = code
  out[2] = 0x00
  out[3] = ATYP_IPV4
  ipv4.split('.').forEach((part, i) => {
    out[4 + i] = Number(part)
  })
  out.writeUInt16BE(boundPort, 8)
  return out
}

function replyForError(error: NodeJS.ErrnoException): number {
  switch (error.code) {
    case 'ECONNREFUSED':
      return REPLY.connectionRefused
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
      return REPLY.hostUnreachable
    case 'ENETUNREACH':
      return REPLY.networkUnreachable
    default:
      return REPLY.generalFailure
  }
}

export async function startSocks5Proxy(options: Socks5ProxyOptions = {}): Promise<RunningSocks5Proxy> {
  const resolve = options.resolve ?? ((host: string) => host)
  const sockets = new Set<Socket>()
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  }
  const state = { targets: [] as string[], authFailures: 0 }

  /** Returns false when the client may not go on. */
  async function negotiate(client: Socket, reader: ByteReader): Promise<boolean> {
    const [version = 0, count = 0] = await reader.read(2)
    if (version !== VERSION) return false
    const methods = [...(await reader.read(count))]
    const wanted = options.auth ? METHOD_USERPASS : METHOD_NONE
    if (!methods.includes(wanted)) {
      state.authFailures++
      client.end(Buffer.from([VERSION, NO_ACCEPTABLE]))
      return false
    }
    client.write(Buffer.from([VERSION, wanted]))
    if (!options.auth) return true

    // RFC 1929: VER(1)=1 ULEN(1) UNAME PLEN(1) PASSWD; reply VER STATUS.
    const [subVersion = 0, userLength = 0] = await reader.read(2)
    const username = (await reader.read(userLength)).toString('utf8')
    const [passwordLength = 0] = await reader.read(1)
    const password = (await reader.read(passwordLength)).toString('utf8')
    const ok = subVersion === 0x01 && username === options.auth.username && password === options.auth.password
    if (!ok) {
      state.authFailures++
      client.end(Buffer.from([0x01, 0x01]))
      return false
    }
    client.write(Buffer.from([0x01, 0x00]))
    return true
  }

  async function readRequest(
    client: Socket,
    reader: ByteReader,
  ): Promise<{ host: string; port: number; display: string } | null> {
    // VER CMD RSV ATYP DST.ADDR DST.PORT
    const [version = 0, command = 0, , addressType = 0] = await reader.read(4)
    if (version !== VERSION) return null
    let host: string
    let display: string
    if (addressType === ATYP_IPV4) {
      host = [...(await reader.read(4))].join('.')
      display = host
    } else if (addressType === ATYP_DOMAIN) {
      const [length = 0] = await reader.read(1)
      host = (await reader.read(length)).toString('latin1')
      display = host
    } else if (addressType === ATYP_IPV6) {
      host = ipv6FromBytes(await reader.read(16))
      display = `[${host}]`
    } else {
      client.end(reply(REPLY.addressTypeNotSupported))
      return null
    }
    const port = (await reader.read(2)).readUInt16BE(0)
    if (command !== CMD_CONNECT) {
      client.end(reply(REPLY.commandNotSupported))
      return null
    }
    return { host, port, display: `${display}:${port}` }
  }

  async function handle(client: Socket): Promise<void> {
    const reader = new ByteReader(client)
    if (!(await negotiate(client, reader))) return
    const request = await readRequest(client, reader)
    if (!request) return
    state.targets.push(request.display)

    const upstream = netConnect({ host: resolve(request.host), port: request.port })
    track(upstream)
    let established = false
    upstream.once('connect', () => {
      established = true
      client.write(reply(REPLY.succeeded, upstream.localAddress, upstream.localPort))
      const early = reader.detach()
      if (early.length > 0) upstream.write(early)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.once('error', (error: NodeJS.ErrnoException) => {
      if (!established) client.end(reply(replyForError(error)))
    })
    upstream.once('close', () => {
      if (established) client.destroy()
    })
    client.once('close', () => upstream.destroy())
  }

  const server = createServer((client) => {
    track(client)
    client.on('error', () => {})
    handle(client).catch(() => client.destroy())
  })

  await new Promise<void>((done, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => done())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0

  return {
    url: `socks5://127.0.0.1:${port}`,
    port,
    get targets() {
      return state.targets
    },
    get authFailures() {
      return state.authFailures
    },
    close: async () => {
      const closed = new Promise<void>((done) => server.close(() => done()))
      for (const socket of sockets) socket.destroy()
      await closed
    },
  }
}
