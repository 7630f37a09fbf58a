// The languages Roundtable speaks, and which one a person gets: the one chosen in Settings → Language,
// else the computer's. Shared by the renderer (its words) and the main process (its native menus).
import { z } from 'zod'

export const LANGUAGES = ['en', 'zh-CN'] as const
export type Language = (typeof LANGUAGES)[number]

export const languageSettingSchema = z.enum(['system', ...LANGUAGES])
/** 'system': whatever the computer prefers, among the languages Roundtable has. */
export type LanguageSetting = z.infer<typeof languageSettingSchema>

/** Each language named in itself, as a language picker shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' }

/**
 * The language to show: the setting, else the first of the computer's preferred locales that
 * Roundtable has. Any Chinese locale reads Simplified Chinese (there is no Traditional catalog yet,
 * and it is closer than English); anything else reads English.
 */
export function resolveLanguage(setting: LanguageSetting, systemLocales: readonly string[]): Language {
  if (setting !== 'system') return setting
  for (const locale of systemLocales) {
    const base = locale.toLowerCase().split(/[-_]/)[0]
    if (base === 'zh') return 'zh-CN'
    if (base === 'en') return 'en'
  }
  return 'en'
}
