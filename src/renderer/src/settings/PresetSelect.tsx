import type { Ref } from 'react'
import { useTranslation } from 'react-i18next'
import { PROVIDER_PRESETS, type PresetId } from '../../../shared/providers'
import { Field } from './Field'

interface Props {
  value: PresetId
  onChange: (preset: PresetId) => void
  ref?: Ref<HTMLSelectElement>
}

function isPresetId(value: string): value is PresetId {
  return PROVIDER_PRESETS.some((preset) => preset.id === value)
}

/** The kind of provider: picks the protocol and fills in the name and base URL. */
export function PresetSelect({ value, onChange, ref }: Props) {
  const { t } = useTranslation('settings')
  return (
    <Field label={t('providerForm.preset')} hint={t('providerForm.presetHint')}>
      {(control) => (
        <select
          ref={ref}
          {...control}
          value={value}
          onChange={(event) => {
            if (isPresetId(event.target.value)) onChange(event.target.value)
          }}
        >
          {PROVIDER_PRESETS.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}
