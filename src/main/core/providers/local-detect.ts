// Finds Ollama and LM Studio where they usually listen on this computer, so a first run can offer to
// add one in one click. Only 127.0.0.1 is asked, with no key and no headers that could carry one, for
// a short while, both at once; an answer that is not a model list counts as nobody there. Never throws.
import { z } from 'zod'
import { type LocalServer, type LocalServerKind, presetById } from '../../../shared/providers'
import { log } from '../log/log'

/** Each server's OpenAI-compatible base URL (ending in /v1), or null to not look for it. */
export type LocalProbeTargets = Record<LocalServerKind, string | null>

export const DEFAULT_LOCAL_PROBES: LocalProbeTargets = {
  ollama: presetById('ollama').baseURL,
  lmstudio: presetById('lmstudio').baseURL,
}

/** Long enough for a server on this machine that is busy loading a model, short enough to not be felt. */
export const LOCAL_PROBE_TIMEOUT_MS = 800
/** A model list is a few kilobytes; anything much larger is not what we asked for. */
const MAX_BODY_BYTES = 1024 * 1024

const SERVERS: readonly { kind: LocalServerKind; name: string }[] = [
  { kind: 'ollama', name: 'Ollama' },
  { kind: 'lmstudio', name: 'LM Studio' },
]

const openAIModelList = z.object({ data: z.array(z.object({ id: z.string() })) })
const ollamaTags = z.object({ models: z.array(z.object({ name: z.string() })) })

export class LocalServerDetector {
  private readonly targets: LocalProbeTargets

  constructor(
    targets: Partial<LocalProbeTargets> = {},
    private readonly timeoutMs = LOCAL_PROBE_TIMEOUT_MS,
  ) {
    const merged = { ...DEFAULT_LOCAL_PROBES, ...targets }
    this.targets = {
      ollama: loopbackBase(merged.ollama, 'ollama'),
      lmstudio: loopbackBase(merged.lmstudio, 'lmstudio'),
    }
  }

  /** The servers that answered with a model list, in a fixed order. */
  async detect(): Promise<LocalServer[]> {
    const found = await Promise.all(SERVERS.map((server) => this.probe(server.kind, server.name)))
    return found.filter((server): server is LocalServer => server !== null)
  }

  private async probe(kind: LocalServerKind, name: string): Promise<LocalServer | null> {
    const baseURL = this.targets[kind]
    if (!baseURL) return null
    // One deadline for everything asked of this server, the fallback included.
    const signal = AbortSignal.timeout(this.timeoutMs)
    let models = await countModels(`${baseURL}/models`, signal, (body) => openAIModelList.parse(body).data)
    // Ollama's own list, for a server that answers there and not (or not yet) at /v1/models.
    if (models === null && kind === 'ollama' && !signal.aborted)
      models = await countModels(
        new URL('/api/tags', baseURL).href,
        signal,
        (body) => ollamaTags.parse(body).models,
      )
    return models === null ? null : { kind, name, preset: kind, baseURL, models }
  }
}

async function countModels(
  url: string,
  signal: AbortSignal,
  list: (body: unknown) => unknown[],
): Promise<number | null> {
  try {
    // No Authorization, no cookies, and no redirect that could lead off this machine.
    const response = await fetch(url, {
      method: 'GET',
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal,
    })
    if (!response.ok) {
      await response.body?.cancel().catch(() => {})
      return null
    }
    const text = await readCapped(response, MAX_BODY_BYTES)
    if (text === null) return null
    return list(JSON.parse(text)).length
  } catch {
    // Refused, timed out, not JSON, not a model list: nobody we know is there.
    return null
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<string | null> {
  const reader = response.body?.getReader()
  if (!reader) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      return null
    }
    chunks.push(value)
  }
  return new TextDecoder().decode(Buffer.concat(chunks))
}

/** The base URL without trailing slashes, if it is plain http on 127.0.0.1; else null (not asked). */
function loopbackBase(value: string | null, kind: LocalServerKind): string | null {
  if (value === null) return null
  let url: URL
  try {
    url = new URL(value)
  } catch {
    log.warn(`not looking for ${kind}: "${value.slice(0, 200)}" is not a URL`)
    return null
  }
  if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1' || url.username || url.password) {
    log.warn(`not looking for ${kind} at ${url.origin}: only http://127.0.0.1 is probed`)
    return null
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/**
 * ROUNDTABLE_LOCAL_PROBES, read once by the host: JSON such as
 * `{"ollama":"http://127.0.0.1:4000/v1","lmstudio":null}` (null: do not look). Tests point it at a fake
 * server, or turn probing off so a server running on the machine does not change what they see.
 */
export function localProbesFromEnv(value: string | undefined): Partial<LocalProbeTargets> | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const shape = z
    .object({ ollama: z.string().max(2_000).nullable(), lmstudio: z.string().max(2_000).nullable() })
    .partial()
    .strict()
  try {
    return shape.parse(JSON.parse(value))
  } catch {
    log.warn('ignoring ROUNDTABLE_LOCAL_PROBES: expected JSON like {"ollama":"http://127.0.0.1:11434/v1"}')
    return undefined
  }
}
