import type { ConnectionTest } from '../../../shared/providers'
import { Message } from './Message'

const SHOWN_MODELS = 20

/** What "Test connection" found: the models the server lists, or why it could not be reached. */
export function ConnectionTestResult({ result }: { result: ConnectionTest }) {
  if (!result.ok) return <Message kind="error">Could not connect: {result.message}</Message>
  const count = result.models.length
  const rest = count - SHOWN_MODELS
  return (
    <Message kind="success">
      <p className="settings-test-title">
        Connected: {count.toLocaleString('en')} {count === 1 ? 'model' : 'models'}
      </p>
      {count === 0 ? (
        <p className="settings-hint">
          The server answered but listed no models: add the ones you use by hand.
        </p>
      ) : (
        <ul className="settings-test-models">
          {result.models.slice(0, SHOWN_MODELS).map((model) => (
            <li key={model.id}>{model.id}</li>
          ))}
        </ul>
      )}
      {rest > 0 ? <p className="settings-hint">and {rest.toLocaleString('en')} more</p> : null}
    </Message>
  )
}
