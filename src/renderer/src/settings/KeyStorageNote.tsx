import { useEffect, useState } from 'react'
import type { KeyStorageStatus } from '../../../shared/providers'
import { api } from '../api'
import { describeKeyStorage } from './format'

const FALLBACK_WARNINGS: Record<KeyStorageStatus['backend'], string> = {
  keychain: '',
  'safe-storage': 'No system keychain was found, so Roundtable encrypts them with a key this computer keeps.',
  memory: 'No system keychain was found: keys typed here are forgotten when Roundtable closes.',
}

/** Where API keys are kept, said once at the top of Settings, with a warning when that is not the keychain. */
export function KeyStorageNote() {
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
    return <p className="settings-key-storage">{describeKeyStorage(storage.backend)}</p>
  }
  // Not the keychain: say why, and what it means for the keys typed here.
  return (
    <p className="notice notice-warning settings-key-storage" role="status">
      {storage.warning ?? `${describeKeyStorage(storage.backend)} ${FALLBACK_WARNINGS[storage.backend]}`}
    </p>
  )
}
