import type { ProviderView } from '../../../shared/providers'
import { ProviderRow } from './ProviderRow'

interface Props {
  providers: ProviderView[]
  onEdit: (providerId: string) => void
  onDeleted: () => void
}

export function ProviderList({ providers, onEdit, onDeleted }: Props) {
  if (providers.length === 0) {
    return (
      <p className="settings-empty">
        No providers yet. Add one to start chatting: a service such as OpenAI or Anthropic, or a server on
        this computer such as Ollama.
      </p>
    )
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
