import { useTranslation } from 'react-i18next'
import type { ConnectionTest } from '../../../shared/providers'
import { wordingText } from '../i18n/error-text'
import { useFormat } from '../i18n/format'
import { Message } from './Message'

const SHOWN_MODELS = 20

/** What "Test connection" found: the models the server lists, or why it could not be reached. */
export function ConnectionTestResult({ result }: { result: ConnectionTest }) {
  const { t, i18n } = useTranslation('settings')
  const format = useFormat()
  if (!result.ok) {
    const message = result.wording ? wordingText(result.wording, i18n.language) : result.message
    return <Message kind="error">{t('providerForm.connectFailed', { message })}</Message>
  }
  const count = result.models.length
  const rest = count - SHOWN_MODELS
  return (
    <Message kind="success">
      <p className="settings-test-title">{t('providerForm.connected', { count, n: format.number(count) })}</p>
      {count === 0 ? (
        <p className="settings-hint">{t('providerForm.noModelsListed')}</p>
      ) : (
        <ul className="settings-test-models">
          {result.models.slice(0, SHOWN_MODELS).map((model) => (
            <li key={model.id}>{model.id}</li>
          ))}
        </ul>
      )}
      {rest > 0 ? (
        <p className="settings-hint">{t('providerForm.andMore', { n: format.number(rest) })}</p>
      ) : null}
    </Message>
  )
}
