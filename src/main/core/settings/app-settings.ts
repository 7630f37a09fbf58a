// App-wide preferences, kept as JSON rows in the settings table and validated on the way out, so a
// hand-edited or older value falls back to the default instead of breaking start-up.
import { z } from 'zod'
import { summarySettingsSchema } from '../../../shared/context'
import { languageSettingSchema } from '../../../shared/language'
import {
  type AppSettings,
  CACHE_SETTING_LIMITS,
  DEFAULT_CACHE_SETTINGS,
  DEFAULT_REQUEST_SETTINGS,
  DEFAULT_TEMPORARY_CHAT_SETTINGS,
  DEFAULT_TRACE_SETTINGS,
  type ProxySettings,
  REQUEST_SETTING_LIMITS,
  type RequestSettings,
  TEMPORARY_CHAT_HOURS_LIMITS,
  TRACE_RETENTION_LIMITS,
} from '../../../shared/providers'
import type { SettingsStore } from '../store/settings-store'

const KEY = 'app.settings'

export const proxySettingsSchema: z.ZodType<ProxySettings> = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('system') }).strict(),
  z.object({ mode: z.literal('none') }).strict(),
  z
    .object({
      mode: z.literal('custom'),
      url: z.string().trim().min(1).max(2_000),
      bypass: z.array(z.string().trim().max(300)).max(200),
    })
    .strict(),
])

const limited = (name: keyof RequestSettings) =>
  z.number().int().min(REQUEST_SETTING_LIMITS[name].min).max(REQUEST_SETTING_LIMITS[name].max)

/** Each value checked on its own, so one bad value falls back alone. */
export const requestSettingsSchema = z.object({
  maxAttempts: limited('maxAttempts').catch(DEFAULT_REQUEST_SETTINGS.maxAttempts),
  connectTimeoutSeconds: limited('connectTimeoutSeconds').catch(
    DEFAULT_REQUEST_SETTINGS.connectTimeoutSeconds,
  ),
  firstTokenTimeoutSeconds: limited('firstTokenTimeoutSeconds').catch(
    DEFAULT_REQUEST_SETTINGS.firstTokenTimeoutSeconds,
  ),
  idleTimeoutSeconds: limited('idleTimeoutSeconds').catch(DEFAULT_REQUEST_SETTINGS.idleTimeoutSeconds),
  totalTimeoutMinutes: limited('totalTimeoutMinutes').catch(DEFAULT_REQUEST_SETTINGS.totalTimeoutMinutes),
})

const cacheLimited = (name: keyof typeof CACHE_SETTING_LIMITS) =>
  z.number().int().min(CACHE_SETTING_LIMITS[name].min).max(CACHE_SETTING_LIMITS[name].max)

export const cacheSettingsSchema = z.object({
  ttlDays: cacheLimited('ttlDays').catch(DEFAULT_CACHE_SETTINGS.ttlDays),
  maxMegabytes: cacheLimited('maxMegabytes').catch(DEFAULT_CACHE_SETTINGS.maxMegabytes),
})

export const traceSettingsSchema = z.object({
  retentionDays: z
    .number()
    .int()
    .min(TRACE_RETENTION_LIMITS.min)
    .max(TRACE_RETENTION_LIMITS.max)
    .catch(DEFAULT_TRACE_SETTINGS.retentionDays),
})

export const temporaryChatSettingsSchema = z.object({
  hours: z
    .number()
    .int()
    .min(TEMPORARY_CHAT_HOURS_LIMITS.min)
    .max(TEMPORARY_CHAT_HOURS_LIMITS.max)
    .catch(DEFAULT_TEMPORARY_CHAT_SETTINGS.hours),
})

const titleSettingsSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('chat-model') }),
  z.object({ mode: z.literal('model'), providerId: z.string().min(1), model: z.string().min(1) }),
  z.object({ mode: z.literal('off') }),
])

const storedSchema = z.object({
  defaultProviderId: z.string().nullable().catch(null),
  defaultModel: z.string().nullable().catch(null),
  defaultSystemPrompt: z.string().max(100_000).catch(''),
  proxy: proxySettingsSchema.catch({ mode: 'system' }),
  requests: requestSettingsSchema.catch(DEFAULT_REQUEST_SETTINGS),
  titles: titleSettingsSchema.catch({ mode: 'chat-model' }),
  summaries: summarySettingsSchema.catch({ mode: 'chat-model' }),
  cache: cacheSettingsSchema.catch(DEFAULT_CACHE_SETTINGS),
  traces: traceSettingsSchema.catch(DEFAULT_TRACE_SETTINGS),
  temporaryChats: temporaryChatSettingsSchema.catch(DEFAULT_TEMPORARY_CHAT_SETTINGS),
  language: languageSettingSchema.catch('system'),
})

export const DEFAULT_APP_SETTINGS: AppSettings = {
  defaultProviderId: null,
  defaultModel: null,
  defaultSystemPrompt: '',
  proxy: { mode: 'system' },
  requests: DEFAULT_REQUEST_SETTINGS,
  titles: { mode: 'chat-model' },
  summaries: { mode: 'chat-model' },
  cache: DEFAULT_CACHE_SETTINGS,
  traces: DEFAULT_TRACE_SETTINGS,
  temporaryChats: DEFAULT_TEMPORARY_CHAT_SETTINGS,
  language: 'system',
}

export class AppSettingsStore {
  // Read on every request (policy, target, titles): parsed once, then kept until changed here, the
  // one way they change.
  private cached: AppSettings | null = null

  constructor(private readonly settings: SettingsStore) {}

  get(): AppSettings {
    if (this.cached) return this.cached
    const parsed = storedSchema.safeParse({
      ...DEFAULT_APP_SETTINGS,
      ...(this.settings.get<object>(KEY) ?? {}),
    })
    this.cached = parsed.success ? parsed.data : DEFAULT_APP_SETTINGS
    return this.cached
  }

  update(patch: Partial<AppSettings>): AppSettings {
    const next = { ...this.get(), ...patch }
    this.settings.set(KEY, next)
    this.cached = next
    return next
  }
}
