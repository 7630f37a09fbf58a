// Providers defined in Settings and the models known for each. Keys are not here: see core/secrets.
import { randomUUID } from 'node:crypto'
import type { AzureOptions, ModelInfo, PresetId, ProviderView, WireProtocol } from '../../../shared/providers'
import type { Db } from './database'
import { parseJsonObject } from './json-column'

/** A provider as Settings saved it: the part of its view that lives in this table. */
export type StoredProvider = Pick<
  ProviderView,
  'id' | 'name' | 'preset' | 'protocol' | 'baseURL' | 'headers' | 'azure' | 'enabled' | 'modelsFetchedAt'
> & {
  /** The origin the stored key was saved for (see shared/key-binding.ts). */
  keyOrigin: string | null
  /** Requests in flight at once; null for the default. */
  maxConcurrent: number | null
}

export type NewProvider = Omit<StoredProvider, 'id' | 'modelsFetchedAt' | 'keyOrigin' | 'maxConcurrent'> & {
  maxConcurrent?: number | null
}
export type ProviderPatch = Partial<
  Pick<StoredProvider, 'name' | 'baseURL' | 'headers' | 'azure' | 'enabled' | 'maxConcurrent'>
>

interface ProviderRow {
  id: string
  name: string
  preset: PresetId
  protocol: WireProtocol
  base_url: string
  headers: string
  options: string
  enabled: number
  models_fetched_at: number | null
  key_origin: string | null
}

interface ModelRow {
  id: string
  display_name: string | null
  context_window: number | null
  max_output_tokens: number | null
  input_price: number | null
  output_price: number | null
  vision: number
  reasoning: number
  source: 'listed' | 'manual'
  edited: number
}

export class DuplicateProviderNameError extends Error {}

export class ProviderStore {
  // Asked on every message (the target is looked up each time): compiled once.
  private readonly byId
  private readonly modelsOf

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.byId = db.prepare<[string], ProviderRow>('SELECT * FROM providers WHERE id = ?')
    this.modelsOf = db.prepare<[string], ModelRow>(
      'SELECT * FROM models WHERE provider_id = ? ORDER BY source DESC, id',
    )
  }

  list(): StoredProvider[] {
    return this.db
      .prepare<[], ProviderRow>('SELECT * FROM providers ORDER BY created_at, rowid')
      .all()
      .map(toStoredProvider)
  }

  get(id: string): StoredProvider | null {
    const row = this.byId.get(id)
    return row ? toStoredProvider(row) : null
  }

  nameTaken(name: string, exceptId: string | null = null): boolean {
    const row = this.db
      .prepare<[string, string], { id: string }>(
        'SELECT id FROM providers WHERE name = ? COLLATE NOCASE AND id != ?',
      )
      .get(name, exceptId ?? '')
    return row !== undefined
  }

  add(provider: NewProvider): StoredProvider {
    if (this.nameTaken(provider.name)) throw new DuplicateProviderNameError(provider.name)
    const id = randomUUID()
    const now = this.now()
    this.db
      .prepare(
        `INSERT INTO providers (id, name, preset, protocol, base_url, headers, options, enabled, created_at, updated_at)
         VALUES (@id, @name, @preset, @protocol, @baseURL, @headers, @options, @enabled, @now, @now)`,
      )
      .run({
        id,
        name: provider.name,
        preset: provider.preset,
        protocol: provider.protocol,
        baseURL: provider.baseURL,
        headers: JSON.stringify(provider.headers),
        options: optionsJson(provider.azure, provider.maxConcurrent ?? null),
        enabled: provider.enabled ? 1 : 0,
        now,
      })
    return this.get(id) as StoredProvider
  }

  update(id: string, patch: ProviderPatch): StoredProvider | null {
    const current = this.get(id)
    if (!current) return null
    const next = { ...current, ...patch }
    if (patch.name !== undefined && this.nameTaken(patch.name, id))
      throw new DuplicateProviderNameError(patch.name)
    this.db
      .prepare(
        `UPDATE providers SET name = @name, base_url = @baseURL, headers = @headers, options = @options,
           enabled = @enabled, updated_at = @now WHERE id = @id`,
      )
      .run({
        id,
        name: next.name,
        baseURL: next.baseURL,
        headers: JSON.stringify(next.headers),
        options: optionsJson(next.azure, next.maxConcurrent),
        enabled: next.enabled ? 1 : 0,
        now: this.now(),
      })
    return this.get(id)
  }

  /** Records which server the key just saved (or removed, with null) belongs to. */
  bindKey(id: string, origin: string | null): void {
    this.db.prepare('UPDATE providers SET key_origin = ? WHERE id = ?').run(origin, id)
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM providers WHERE id = ?').run(id).changes > 0
  }

  models(providerId: string): ModelInfo[] {
    return this.modelsOf.all(providerId).map(toModelInfo)
  }

  /** Replaces the listed models with a fresh list; models typed in by hand stay. */
  replaceListedModels(providerId: string, models: ModelInfo[]): void {
    this.db.transaction(() => {
      this.db
        .prepare(`DELETE FROM models WHERE provider_id = ? AND source = 'listed' AND edited = 0`)
        .run(providerId)
      const insert = this.db.prepare(
        `INSERT INTO models (provider_id, id, display_name, context_window, max_output_tokens, input_price, output_price,
           vision, reasoning, source)
         VALUES (@providerId, @id, @displayName, @contextWindow, @maxOutputTokens, @inputPrice, @outputPrice, @vision,
           @reasoning, 'listed')
         ON CONFLICT(provider_id, id) DO NOTHING`,
      )
      for (const model of models) insert.run(modelParams(providerId, model))
      this.db.prepare('UPDATE providers SET models_fetched_at = ? WHERE id = ?').run(this.now(), providerId)
    })()
  }

  /** Adds or edits a model; an edited listed model stays listed, marked edited, so a refresh keeps the edit. */
  saveModel(providerId: string, model: ModelInfo): void {
    this.db
      .prepare(
        `INSERT INTO models (provider_id, id, display_name, context_window, max_output_tokens, input_price, output_price,
           vision, reasoning, source)
         VALUES (@providerId, @id, @displayName, @contextWindow, @maxOutputTokens, @inputPrice, @outputPrice, @vision,
           @reasoning, 'manual')
         ON CONFLICT(provider_id, id) DO UPDATE SET display_name = excluded.display_name,
           context_window = excluded.context_window, max_output_tokens = excluded.max_output_tokens,
           input_price = excluded.input_price, output_price = excluded.output_price, vision = excluded.vision,
           reasoning = excluded.reasoning, edited = (models.source = 'listed' OR models.edited = 1)`,
      )
      .run(modelParams(providerId, model))
  }

  deleteModel(providerId: string, modelId: string): boolean {
    return (
      this.db.prepare('DELETE FROM models WHERE provider_id = ? AND id = ?').run(providerId, modelId)
        .changes > 0
    )
  }
}

function modelParams(providerId: string, model: ModelInfo) {
  return {
    providerId,
    id: model.id,
    displayName: model.displayName,
    contextWindow: model.contextWindow,
    maxOutputTokens: model.maxOutputTokens,
    inputPrice: model.inputPrice,
    outputPrice: model.outputPrice,
    vision: model.vision ? 1 : 0,
    reasoning: model.reasoning ? 1 : 0,
  }
}

/** Protocol options and limits, kept together in the `options` JSON column. */
function optionsJson(azure: AzureOptions | null, maxConcurrent: number | null): string {
  return JSON.stringify({ ...(azure && { azure }), ...(maxConcurrent !== null && { maxConcurrent }) })
}

function toStoredProvider(row: ProviderRow): StoredProvider {
  const options = parseJsonObject(row.options) as { azure?: AzureOptions; maxConcurrent?: unknown }
  return {
    id: row.id,
    name: row.name,
    preset: row.preset,
    protocol: row.protocol,
    baseURL: row.base_url,
    headers: parseJsonObject(row.headers) as Record<string, string>,
    azure: options.azure ?? null,
    maxConcurrent:
      typeof options.maxConcurrent === 'number' &&
      Number.isInteger(options.maxConcurrent) &&
      options.maxConcurrent > 0
        ? options.maxConcurrent
        : null,
    enabled: row.enabled === 1,
    modelsFetchedAt: row.models_fetched_at,
    keyOrigin: row.key_origin,
  }
}

function toModelInfo(row: ModelRow): ModelInfo {
  return {
    id: row.id,
    displayName: row.display_name,
    contextWindow: row.context_window,
    maxOutputTokens: row.max_output_tokens,
    inputPrice: row.input_price,
    outputPrice: row.output_price,
    vision: row.vision === 1,
    reasoning: row.reasoning === 1,
    source: row.source,
    ...(row.edited === 1 && { edited: true as const }),
  }
}
