import { type ReactNode, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ProviderEditor } from './ProviderEditor'
import { ProviderForm } from './ProviderForm'
import { ProviderList } from './ProviderList'
import { useProvidersStore } from './providers-store'
import { Section } from './Section'
import { useFocusLater } from './useFocusLater'

type View = { kind: 'list' } | { kind: 'add' } | { kind: 'edit'; providerId: string }

/** The providers: a list, or one provider being added or edited in its place (`adding`: the form first). */
export function ProvidersSection({ adding = false }: { adding?: boolean }) {
  const { t } = useTranslation('settings')
  const providers = useProvidersStore((state) => state.providers)
  const [view, setView] = useState<View>(adding ? { kind: 'add' } : { kind: 'list' })
  const container = useRef<HTMLDivElement>(null)
  const focusLater = useFocusLater(container)
  const addHeadingId = useId()

  const backToList = (focusKey: string | null) => {
    setView({ kind: 'list' })
    focusLater(...(focusKey ? [focusKey] : []), 'add-provider')
  }

  const editing = view.kind === 'edit' ? providers.find((p) => p.id === view.providerId) : undefined

  let content: ReactNode
  if (view.kind === 'add') {
    content = (
      <div className="settings-editor">
        <h4 id={addHeadingId}>{t('providers.add')}</h4>
        <ProviderForm
          provider={null}
          labelledBy={addHeadingId}
          onClose={(savedId) => backToList(savedId ? `edit-provider:${savedId}` : null)}
        />
      </div>
    )
  } else if (editing) {
    content = <ProviderEditor provider={editing} onClose={() => backToList(`edit-provider:${editing.id}`)} />
  } else {
    // Also where an edit lands when its provider vanished (deleted or replaced by an import).
    content = (
      <>
        <ProviderList
          providers={providers}
          onEdit={(providerId) => setView({ kind: 'edit', providerId })}
          onDeleted={() => focusLater('add-provider')}
        />
        <button type="button" data-focus-key="add-provider" onClick={() => setView({ kind: 'add' })}>
          {t('providers.add')}
        </button>
      </>
    )
  }

  return (
    <Section title={t('providers.title')}>
      <div ref={container} className="settings-providers">
        {content}
      </div>
    </Section>
  )
}
