import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { KeyStorageStatus } from '../../../shared/providers'
import { api } from '../api'
import { wordingText } from '../i18n/error-text'
import { describeKeyStorage } from './format'

/** Where API keys are kept, said once at the top of Settings, with a warning when that is not the keychain. */
export function KeyStorageNote() {
  const { t, i18n } = useTranslation('settings')
  const [storage, setStorage] = useState<KeyStorageStatus | null>(null)

  useEffect(() => {
    let current = true
    api
      .getStatus()
      .then((status) => {
        if (current) setStorage(status.keyStorage)
      })
      // The sentence is a courtesy: Settings works without it, and each key's line says where it is.
      .catch(() => undefined)
    return () => {
      current = false
    }
  }, [])

  if (!storage) return null
  if (storage.backend === 'keychain') {
    return <p className="settings-key-storage">{describeKeyStorage(storage.backend, t)}</p>
  }
  // Not the keychain: say why, and what it means for the keys typed here.
  return (
    <p className="notice notice-warning settings-key-storage" role="status">
      {(storage.warningWording && wordingText(storage.warningWording, i18n.language)) ??
        storage.warning ??
        t('keys.withWarning', {
          storage: describeKeyStorage(storage.backend, t),
          warning: t(`keys.fallback.${storage.backend}`),
        })}
    </p>
  )
}
