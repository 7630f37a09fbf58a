import { Trans, useTranslation } from 'react-i18next'

/**
 * In the browser only: the page has no token, or the web host no longer takes the one it has. Each
 * start of the web host prints a new address; this says so plainly instead of failing call by call.
 */
export function AccessNeeded() {
  const { t } = useTranslation('chat')
  return (
    <main className="access-needed">
      <div className="access-card" role="alert">
        <h1>{t('access.title')}</h1>
        <p>
          <Trans t={t} i18nKey="access.body" components={{ cmd: <code />, url: <code /> }} />
        </p>
        <p>{t('access.next')}</p>
      </div>
    </main>
  )
}
