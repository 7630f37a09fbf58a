// Which provider and model the next message in this chat goes to. Switching keeps the conversation:
// the whole branch is sent to the new model.

import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChatSettings, ProviderView } from '../../../shared/providers'
import { useProvidersStore } from '../settings/providers-store'
import { useRoutingStore } from '../settings/routing-store'
import { useChatStore } from '../store'
import type { ChatT } from './words'

const AUTOMATIC = ''
// Shown, and not choosable, while the chat's own model cannot be used.
const PICK = 'pick'
/** Auto by a routing profile: `auto:<profile id>`, never a JSON pair of provider and model. */
const AUTO_PREFIX = 'auto:'

export function ModelPicker({ chatId }: { chatId: string | null }) {
  const { t } = useTranslation('chat')
  const providers = useProvidersStore((state) => state.providers)
  const defaults = useProvidersStore((state) => state.settings)
  const chatSettings = useProvidersStore((state) =>
    state.chatSettings && state.chatSettings.chatId === chatId ? state.chatSettings.settings : null,
  )
  const updateChatSettings = useProvidersStore((state) => state.updateChatSettings)
  const health = useProvidersStore((state) => state.health)
  const profiles = useRoutingStore((state) => state.profiles)
  const loadProfiles = useRoutingStore((state) => state.load)
  useEffect(() => void loadProfiles().catch(() => {}), [loadProfiles])
  const routed = chatSettings?.routingProfileId
    ? profiles.find((profile) => profile.id === chatSettings.routingProfileId)
    : undefined
  const paused = (providerId: string, model: string | null) =>
    model !== null && health.some((h) => h.paused && h.providerId === providerId && h.model === model)
  const enabled = providers.filter((provider) => provider.enabled)
  const value = routed
    ? `${AUTO_PREFIX}${routed.id}`
    : chatSettings?.providerId
      ? optionValue(chatSettings.providerId, chatSettings.model)
      : AUTOMATIC
  const chosen = chatSettings?.providerId
    ? providers.find((p) => p.id === chatSettings.providerId)
    : undefined
  // The chat's own provider is gone or off: the picker says so instead of showing a default it will
  // not use.
  const unusable =
    !routed && chatSettings?.providerId
      ? !chosen
        ? t('modelPicker.removed')
        : !chosen.enabled
          ? t('modelPicker.turnedOff', { name: chosen.name })
          : null
      : null

  return (
    <div className="model-picker">
      <label htmlFor="model-picker">{t('modelPicker.label')}</label>
      <select
        id="model-picker"
        value={unusable ? PICK : value}
        aria-invalid={unusable !== null}
        disabled={enabled.length === 0}
        onChange={(event) => {
          const chosen = event.target.value
          void (async () => {
            // Picking a model before the first message starts the chat it belongs to.
            const id = chatId ?? (await useChatStore.getState().newChat())
            if (!id) return
            if (chosen.startsWith(AUTO_PREFIX))
              await updateChatSettings({ routingProfileId: chosen.slice(AUTO_PREFIX.length) }, id)
            else {
              const [providerId, model] = parseValue(chosen)
              await updateChatSettings({ providerId, model }, id)
            }
          })()
        }}
      >
        {unusable && (
          <option value={PICK} disabled>
            {t('modelPicker.pick')}
          </option>
        )}
        <option value={AUTOMATIC}>
          {automaticLabel(enabled, defaults?.defaultProviderId ?? null, defaults?.defaultModel ?? null, t)}
        </option>
        {profiles.length > 0 && enabled.length > 0 && (
          <optgroup label={t('modelPicker.auto')}>
            {profiles.map((profile) => (
              <option key={profile.id} value={`${AUTO_PREFIX}${profile.id}`}>
                {t('modelPicker.autoProfile', { name: profile.name })}
              </option>
            ))}
          </optgroup>
        )}
        {enabled.map((provider) => (
          <optgroup key={provider.id} label={provider.name}>
            {modelsOf(provider, chatSettings, t).map((model) => (
              <option key={model.id} value={optionValue(provider.id, model.id)}>
                {paused(provider.id, model.id)
                  ? t('modelPicker.paused', { model: model.label })
                  : model.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {unusable && (
        <span className="field-error" role="alert">
          {unusable}
        </span>
      )}
    </div>
  )
}

function modelsOf(
  provider: ProviderView,
  chat: ChatSettings | null,
  t: ChatT,
): { id: string | null; label: string }[] {
  const listed = provider.models.map((model) => ({ id: model.id, label: model.displayName ?? model.id }))
  // A model picked earlier that the provider no longer lists stays selectable.
  if (chat?.providerId === provider.id && chat.model && !listed.some((m) => m.id === chat.model)) {
    listed.unshift({ id: chat.model, label: chat.model })
  }
  return listed.length > 0
    ? listed
    : [{ id: null, label: t('modelPicker.firstListed', { provider: provider.name }) }]
}

function automaticLabel(
  providers: ProviderView[],
  defaultProviderId: string | null,
  defaultModel: string | null,
  t: ChatT,
): string {
  const provider = providers.find((p) => p.id === defaultProviderId) ?? providers[0]
  if (!provider) return t('modelPicker.noProvider')
  const model = provider.id === defaultProviderId && defaultModel ? defaultModel : provider.models[0]?.id
  return model
    ? t('modelPicker.defaultModel', { provider: provider.name, model })
    : t('modelPicker.default', { provider: provider.name })
}

function optionValue(providerId: string, model: string | null): string {
  return JSON.stringify([providerId, model])
}

function parseValue(value: string): [string | null, string | null] {
  if (value === AUTOMATIC) return [null, null]
  const [providerId, model] = JSON.parse(value) as [string, string | null]
  return [providerId, model]
}
