// Export diagnostics: one zip a person can attach to a bug report. It holds the log files, the
// settings without anything secret, the last 1,000 traces with their attempts, and a few facts about
// the app. Built in memory and handed back as base64, since every call's reply is JSON (over IPC and
// over the web host alike).
//
// Nothing secret is read to build it: keys stay in the secret store (only their state is named), a
// provider's extra headers are listed by name, a proxy's URL loses any password, and the default system
// prompt (the person's own words) is given as a length. Every text file then passes the redactor as
// well, in case a key reached a log line or an error some other way.
//
// Zipped with fflate: tiny, no native code, maintained, and it deflates, so 25 MB of logs travel as a
// few MB. A stored-only zip writer of our own would be short too, but would send the logs uncompressed.
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { strToU8, zipSync } from 'fflate'
import type { AppSettings, KeyState, ProviderView } from '../../../shared/providers'
import type { Db } from '../store/database'
import type { LogFile } from './log-file'
import { redact } from './redact'

export const MAX_EXPORTED_TRACES = 1_000

export interface DiagnosticsExport {
  fileName: string
  base64: string
}

export interface DiagnosticsSources {
  db: Db
  logFile: LogFile | null
  providers: () => Promise<ProviderView[]>
  settings: () => AppSettings
  version: string
  keyStorage: string
  now?: () => Date
}

export async function exportDiagnostics(sources: DiagnosticsSources): Promise<DiagnosticsExport> {
  const now = (sources.now ?? (() => new Date()))()
  const files: Record<string, Uint8Array> = {}
  const text = (name: string, content: string) => {
    files[name] = strToU8(redact(content))
  }
  const json = (name: string, value: unknown) => text(name, `${JSON.stringify(value, null, 2)}\n`)

  // Oldest first is the order a person reads them in; the names say which is which either way.
  for (const path of [...(sources.logFile?.files() ?? [])].reverse()) {
    const content = readLog(path)
    if (content !== null) text(`logs/${basename(path)}`, content)
  }
  json('settings.json', {
    app: safeAppSettings(sources.settings()),
    providers: (await sources.providers()).map(safeProvider),
  })
  json('traces.json', recentTraces(sources.db))
  json('about.json', {
    app: 'Roundtable',
    version: sources.version,
    schemaVersion: sources.db.pragma('user_version', { simple: true }),
    platform: process.platform,
    arch: process.arch,
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    keyStorage: sources.keyStorage,
    logLinesLost: sources.logFile?.dropped ?? 0,
    exportedAt: now.toISOString(),
  })

  const zip = zipSync(files, { level: 6, mtime: now })
  return {
    fileName: `roundtable-diagnostics-${localDate(now)}.zip`,
    base64: Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength).toString('base64'),
  }
}

function readLog(path: string): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    // Rotated away between listing and reading: the next file has the lines.
    return null
  }
}

function safeAppSettings(settings: AppSettings) {
  const { defaultSystemPrompt, proxy, ...rest } = settings
  return {
    ...rest,
    defaultSystemPrompt: { characters: defaultSystemPrompt.length },
    proxy: proxy.mode === 'custom' ? { ...proxy, url: withoutPassword(proxy.url) } : proxy,
  }
}

function safeProvider(provider: ProviderView) {
  return {
    name: provider.name,
    preset: provider.preset,
    protocol: provider.protocol,
    baseURL: withoutPassword(provider.baseURL),
    enabled: provider.enabled,
    origin: provider.origin,
    key: keyState(provider.key),
    needsKey: provider.needsKey,
    // Extra headers often carry a credential of their own: their names say enough.
    headerNames: Object.keys(provider.headers),
    azure: provider.azure,
    maxConcurrent: provider.maxConcurrent,
    modelsFetchedAt: provider.modelsFetchedAt,
    models: provider.models.map((model) => ({ id: model.id, source: model.source })),
    warnings: provider.warnings,
  }
}

/** Where the key is, never any part of it (not even the last four characters Settings shows). */
function keyState(key: KeyState): Record<string, string> {
  switch (key.kind) {
    case 'not-set':
      return { state: 'not set' }
    case 'from-environment':
      return { state: 'from the environment', variable: key.variable }
    case 'stored':
      return { state: 'stored', backend: key.backend }
    case 'saved-for-other-server':
      return { state: 'saved for another server', backend: key.backend }
  }
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url)
    if (!parsed.password) return url
    parsed.password = ''
    return parsed.href
  } catch {
    return url
  }
}

interface TraceRow {
  id: string
  route: string | null
  [column: string]: unknown
}

interface AttemptRow {
  trace_id: string
  [column: string]: unknown
}

/** The newest traces with their attempts, as the tables hold them (empty before any request). */
function recentTraces(db: Db) {
  const traces = db
    .prepare<[number], TraceRow>('SELECT * FROM traces ORDER BY started_at DESC, rowid DESC LIMIT ?')
    .all(MAX_EXPORTED_TRACES)
  const attempts = db
    .prepare<[number], AttemptRow>(
      `SELECT a.* FROM trace_attempts a
       JOIN (SELECT id FROM traces ORDER BY started_at DESC, rowid DESC LIMIT ?) t ON t.id = a.trace_id
       ORDER BY a.trace_id, a.attempt`,
    )
    .all(MAX_EXPORTED_TRACES)
  const byTrace = new Map<string, Omit<AttemptRow, 'trace_id'>[]>()
  for (const { trace_id, ...attempt } of attempts) {
    const list = byTrace.get(trace_id) ?? []
    list.push(attempt)
    byTrace.set(trace_id, list)
  }
  return traces.map((trace) => ({
    ...trace,
    route: parseRoute(trace.route),
    attempts: byTrace.get(trace.id) ?? [],
  }))
}

function parseRoute(route: string | null): unknown {
  if (route === null) return null
  try {
    return JSON.parse(route)
  } catch {
    return route
  }
}

function localDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
