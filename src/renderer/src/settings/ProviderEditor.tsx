import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProviderView } from '../../../shared/providers'
import { describeKey, presetLabel } from './format'
import { ModelsPanel } from './ModelsPanel'
import { ProviderForm } from './ProviderForm'

/** A saved provider opened for editing: its settings, then its models. */
export function ProviderEditor({ provider, onClose }: { provider: ProviderView; onClose: () => void }) {
  const { t } = useTranslation('settings')
  const headingId = useId()
  return (
    <div className="settings-editor">
      <h4 id={headingId} className="settings-editor-title" title={provider.name}>
        {t('providers.editTitle', { name: provider.name })}
      </h4>
      <p className="settings-hint">
        {presetLabel(provider.preset)} · {describeKey(provider.key, t)}
      </p>
      <ProviderForm provider={provider} labelledBy={headingId} onClose={() => onClose()} />
      <ModelsPanel provider={provider} />
    </div>
  )
}
