import { useTranslation } from 'react-i18next'
import {
  LANGUAGE_NAMES,
  LANGUAGES,
  type LanguageSetting,
  languageSettingSchema,
} from '../../../shared/language'
import type { AppSettings } from '../../../shared/providers'
import { applyLanguage } from '../i18n/i18n'
import { Message } from './Message'
import { useProvidersStore } from './providers-store'
import { Section } from './Section'
import { useTask } from './useTask'

/** Settings → Language: switches every word at once, and the choice is kept (menus follow it too). */
export function LanguageSection({ settings }: { settings: AppSettings }) {
  const { t } = useTranslation('settings')
  const update = useProvidersStore((state) => state.updateSettings)
  const { error, run } = useTask()
  const choose = (value: LanguageSetting) => {
    applyLanguage(value)
    void run(() => update({ language: value }))
  }
  return (
    <Section title={t('language.title')}>
      <div className="settings-field">
        <label htmlFor="language">{t('language.label')}</label>
        <select
          id="language"
          value={settings.language}
          onChange={(event) => {
            const parsed = languageSettingSchema.safeParse(event.target.value)
            if (parsed.success) choose(parsed.data)
          }}
        >
          <option value="system">{t('language.system')}</option>
          {LANGUAGES.map((language) => (
            // Each language is named in itself, so a person can find theirs whatever is shown now.
            <option key={language} value={language} lang={language}>
              {LANGUAGE_NAMES[language]}
            </option>
          ))}
        </select>
        <p className="settings-hint">{t('language.hint')}</p>
      </div>
      {error && <Message kind="error">{error}</Message>}
    </Section>
  )
}
