// Settings → Routing: the profiles Auto routes by. Each one is in the model picker as "Auto (<name>)".
import { useEffect, useState } from 'react'
import type { RoutingProfile } from '../../../shared/routing'
import { Message } from './Message'
import { useProvidersStore } from './providers-store'
import { RoutingProfileForm } from './RoutingProfileForm'
import { useRoutingStore } from './routing-store'
import { Section } from './Section'
import { useTask } from './useTask'

export function RoutingSection() {
  const providers = useProvidersStore((state) => state.providers)
  const { profiles, load, save, remove } = useRoutingStore()
  const [editing, setEditing] = useState<RoutingProfile | 'new' | null>(null)
  const { error, run } = useTask()
  useEffect(() => void run(load), [run, load])

  return (
    <Section title="Routing">
      <p className="settings-hint">
        Pick “Auto (profile)” in a chat’s model picker and each answer goes to the model that scores best on
        latency, load, cost and quality; a model that fails before answering hands over to the next.
      </p>
      {error && <Message kind="error">{error}</Message>}
      <ul className="routing-profiles">
        {profiles.map((profile) => (
          <li key={profile.id}>
            <span className="routing-profile-name">{profile.name}</span>
            <span className="settings-hint">
              {describeWeights(profile)} ·{' '}
              {profile.candidates.length > 0 ? `${profile.candidates.length} models` : 'every enabled model'}
            </span>
            <button type="button" aria-label={`Edit ${profile.name}`} onClick={() => setEditing(profile)}>
              Edit
            </button>
            {!profile.builtIn && (
              <button
                type="button"
                aria-label={`Delete ${profile.name}`}
                onClick={() => void run(() => remove(profile.id))}
              >
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
      {editing === null ? (
        <div className="settings-actions">
          <button type="button" onClick={() => setEditing('new')}>
            New profile
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

function describeWeights({ weights }: RoutingProfile): string {
  return `latency ${weights.latency}, load ${weights.load}, cost ${weights.cost}, quality ${weights.quality}`
}
