import { useTranslation } from 'react-i18next'
import type { ProviderView } from '../../../shared/providers'
import { ProviderRow } from './ProviderRow'

interface Props {
  providers: ProviderView[]
  onEdit: (providerId: string) => void
  onDeleted: () => void
}

export function ProviderList({ providers, onEdit, onDeleted }: Props) {
  const { t } = useTranslation('settings')
  if (providers.length === 0) {
    return <p className="settings-empty">{t('providers.empty')}</p>
  }
  return (
    <ul className="settings-provider-list">
      {providers.map((provider) => (
        <ProviderRow
          key={provider.id}
          provider={provider}
          onEdit={() => onEdit(provider.id)}
          onDeleted={onDeleted}
        />
      ))}
    </ul>
  )
}
