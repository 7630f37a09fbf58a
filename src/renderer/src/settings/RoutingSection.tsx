// Settings → Routing: the profiles Auto routes by. Each one is in the model picker as "Auto (<name>)".
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RoutingProfile } from '../../../shared/routing'
import type { SettingsT } from './format'
import { Message } from './Message'
import { useProvidersStore } from './providers-store'
import { RoutingProfileForm } from './RoutingProfileForm'
import { useRoutingStore } from './routing-store'
import { Section } from './Section'
import { useTask } from './useTask'

export function RoutingSection() {
  const { t } = useTranslation('settings')
  const providers = useProvidersStore((state) => state.providers)
  const { profiles, load, save, remove } = useRoutingStore()
  const [editing, setEditing] = useState<RoutingProfile | 'new' | null>(null)
  const { error, run } = useTask()
  useEffect(() => void run(load), [run, load])

  return (
    <Section title={t('routing.title')}>
      <p className="settings-hint">{t('routing.hint')}</p>
      {error && <Message kind="error">{error}</Message>}
      <ul className="routing-profiles">
        {profiles.map((profile) => (
          <li key={profile.id}>
            <span className="routing-profile-name">{profile.name}</span>
            <span className="settings-hint">
              {describeWeights(profile, t)} ·{' '}
              {profile.candidates.length > 0
                ? t('routing.models', { n: profile.candidates.length })
                : t('routing.everyModel')}
            </span>
            <button
              type="button"
              aria-label={t('routing.editNamed', { name: profile.name })}
              onClick={() => setEditing(profile)}
            >
              {t('routing.edit')}
            </button>
            {!profile.builtIn && (
              <button
                type="button"
                aria-label={t('routing.deleteNamed', { name: profile.name })}
                onClick={() => void run(() => remove(profile.id))}
              >
                {t('routing.delete')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {editing === null ? (
        <div className="settings-actions">
          <button type="button" onClick={() => setEditing('new')}>
            {t('routing.newProfile')}
          </button>
        </div>
      ) : (
        <RoutingProfileForm
          key={editing === 'new' ? 'new' : editing.id}
          profile={editing === 'new' ? null : editing}
          providers={providers}
          onCancel={() => setEditing(null)}
          onSave={async (draft) => {
            await save(draft, editing === 'new' ? undefined : editing.id)
            setEditing(null)
          }}
        />
      )}
    </Section>
  )
}

function describeWeights({ weights }: RoutingProfile, t: SettingsT): string {
  return t('routing.weightsSummary', weights)
}
