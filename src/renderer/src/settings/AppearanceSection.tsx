import { useTranslation } from 'react-i18next'
import { TEXT_SIZES, THEMES } from '../prefs/appearance'
import { useAppearance } from '../prefs/appearance-store'
import { Section } from './Section'

/** Theme and text size: on this device only, applied at once. */
export function AppearanceSection() {
  const { t } = useTranslation('settings')
  const theme = useAppearance((state) => state.theme)
  const textSize = useAppearance((state) => state.textSize)
  const update = useAppearance((state) => state.update)
  return (
    <Section title={t('appearance.title')}>
      <fieldset className="settings-radios inline">
        <legend>{t('appearance.theme')}</legend>
        {THEMES.map((option) => (
          <div key={option.value} className="settings-radio">
            <label>
              <input
                type="radio"
                name="theme"
                value={option.value}
                checked={theme === option.value}
                onChange={() => update({ theme: option.value })}
              />
              {t(`appearance.themes.${option.value}`)}
            </label>
          </div>
        ))}
      </fieldset>
      <div className="settings-field">
        <label htmlFor="text-size">{t('appearance.textSize')}</label>
        <select
          id="text-size"
          value={textSize}
          onChange={(event) =>
            update({ textSize: event.target.value as (typeof TEXT_SIZES)[number]['value'] })
          }
        >
          {TEXT_SIZES.map((size) => (
            <option key={size.value} value={size.value}>
              {t('appearance.textSizeOption', {
                label: t(`appearance.textSizes.${size.value}`),
                px: size.px,
              })}
            </option>
          ))}
        </select>
        <p className="settings-hint">{t('appearance.hint')}</p>
      </div>
    </Section>
  )
}
