import { useCallback, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { AppearanceSection } from './AppearanceSection'
import { CacheSection } from './CacheSection'
import { ContextSection } from './ContextSection'
import { DefaultsSection } from './DefaultsSection'
import { DiagnosticsSection } from './DiagnosticsSection'
import { ImportExportSection } from './ImportExportSection'
import { LanguageSection } from './LanguageSection'
import { Message } from './Message'
import { NetworkSection } from './NetworkSection'
import { ProvidersSection } from './ProvidersSection'
import { useProvidersStore } from './providers-store'
import { RequestsSection } from './RequestsSection'
import { RoutingSection } from './RoutingSection'
import type { SettingsFocus } from './SettingsDialog'
import { TemporaryChatsSection } from './TemporaryChatsSection'
import { TitlesSection } from './TitlesSection'
import { TracesSection } from './TracesSection'
import { useTask } from './useTask'

/** Loads providers and settings afresh on open; the sections appear once there is something to show. */
export function SettingsBody({ focus }: { focus?: SettingsFocus }) {
  const { t } = useTranslation('settings')
  const loaded = useProvidersStore((state) => state.loaded)
  const settings = useProvidersStore((state) => state.settings)
  const load = useProvidersStore((state) => state.load)
  const { busy, error, run } = useTask()

  const reload = useCallback(() => void run(load), [run, load])
  useEffect(reload, [reload])

  if (!loaded || !settings) {
    if (error) {
      return (
        <div className="settings-loading">
          <Message kind="error">{t('dialog.loadFailed', { error })}</Message>
          <button type="button" onClick={reload} disabled={busy}>
            {t('dialog.tryAgain')}
          </button>
        </div>
      )
    }
    return (
      <p className="settings-loading" role="status">
        {t('dialog.loading')}
      </p>
    )
  }

  return (
    <>
      {error ? <Message kind="warning">{t('dialog.refreshFailed', { error })}</Message> : null}
      <ProvidersSection adding={focus === 'add-provider'} />
      <DefaultsSection settings={settings} />
      <LanguageSection settings={settings} />
      <AppearanceSection />
      <TitlesSection settings={settings} />
      <ContextSection settings={settings} />
      <RoutingSection />
      <RequestsSection settings={settings} />
      <CacheSection settings={settings} />
      <TracesSection settings={settings} />
      <TemporaryChatsSection settings={settings} />
      <NetworkSection settings={settings} />
      <ImportExportSection />
      <DiagnosticsSection />
    </>
  )
}
