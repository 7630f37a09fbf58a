import { useTranslation } from 'react-i18next'
import { Message } from './Message'

/** What an import did, provider by provider. */
export function ImportOutcome({ added, skipped }: { added: string[]; skipped: string[] }) {
  const { t } = useTranslation('settings')
  if (added.length === 0 && skipped.length === 0) {
    return <Message kind="info">{t('importExport.noProviders')}</Message>
  }
  return (
    <Message kind={skipped.length > 0 ? 'warning' : 'success'}>
      <p>
        {t('importExport.added', {
          names: added.length > 0 ? added.join(', ') : t('importExport.addedNone'),
        })}
      </p>
      {skipped.length > 0 ? <p>{t('importExport.skipped', { names: skipped.join('; ') })}</p> : null}
    </Message>
  )
}
