import { TEXT_SIZES, THEMES } from '../prefs/appearance'
import { useAppearance } from '../prefs/appearance-store'
import { Section } from './Section'

/** Theme and text size: on this device only, applied at once. */
export function AppearanceSection() {
  const theme = useAppearance((state) => state.theme)
  const textSize = useAppearance((state) => state.textSize)
  const update = useAppearance((state) => state.update)
  return (
    <Section title="Appearance">
      <fieldset className="settings-radios inline">
        <legend>Theme</legend>
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
              {option.label}
            </label>
          </div>
        ))}
      </fieldset>
      <div className="settings-field">
        <label htmlFor="text-size">Text size</label>
        <select
          id="text-size"
          value={textSize}
          onChange={(event) =>
            update({ textSize: event.target.value as (typeof TEXT_SIZES)[number]['value'] })
          }
        >
          {TEXT_SIZES.map((size) => (
            <option key={size.value} value={size.value}>
              {size.label} ({size.px} px)
            </option>
          ))}
        </select>
        <p className="settings-hint">
          System follows your computer’s light or dark setting. Both are kept on this device.
        </p>
      </div>
    </Section>
  )
}
