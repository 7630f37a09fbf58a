// The page's words: i18next with both catalogs bundled (two languages are small, and a switch must be
// instant, with no fetch). The language is the one chosen in Settings → Language, else the computer's;
// it is mirrored in the page's storage so the first paint is already in the right language.
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import {
  type Language,
  type LanguageSetting,
  languageSettingSchema,
  resolveLanguage,
} from '../../../shared/language'
import { en } from './en'
import { zhCN } from './zh-CN'

const KEY = 'roundtable.language'

export const i18n = i18next.createInstance()

function systemLocales(): readonly string[] {
  return typeof navigator === 'undefined'
    ? []
    : navigator.languages?.length
      ? navigator.languages
      : [navigator.language]
}

/** The setting last applied on this device, read before the first paint. */
export function storedLanguageSetting(): LanguageSetting {
  try {
    const parsed = languageSettingSchema.safeParse(localStorage.getItem(KEY))
    return parsed.success ? parsed.data : 'system'
  } catch {
    return 'system'
  }
}

void i18n.use(initReactI18next).init({
  resources: { en, 'zh-CN': zhCN },
  lng: resolveLanguage(storedLanguageSetting(), systemLocales()),
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: Object.keys(en),
  // React escapes what it renders; escaping here too would show entities.
  interpolation: { escapeValue: false },
  initAsync: false,
})
// Unit tests import the catalogs without a page.
if (typeof document !== 'undefined') document.documentElement.lang = i18n.language

/** Shows the page in the language the setting names, at once, and remembers it on this device. */
export function applyLanguage(setting: LanguageSetting): Language {
  const language = resolveLanguage(setting, systemLocales())
  try {
    localStorage.setItem(KEY, setting)
  } catch {}
  if (i18n.language !== language) void i18n.changeLanguage(language)
  if (typeof document !== 'undefined') document.documentElement.lang = language
  return language
}

/** The language shown now. */
export function currentLanguage(): Language {
  return i18n.language === 'zh-CN' ? 'zh-CN' : 'en'
}
