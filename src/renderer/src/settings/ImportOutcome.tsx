import { Message } from './Message'

/** What an import did, provider by provider. */
export function ImportOutcome({ added, skipped }: { added: string[]; skipped: string[] }) {
  if (added.length === 0 && skipped.length === 0) {
    return <Message kind="info">The file lists no providers: nothing was imported.</Message>
  }
  return (
    <Message kind={skipped.length > 0 ? 'warning' : 'success'}>
      <p>Added: {added.length > 0 ? added.join(', ') : 'none'}</p>
      {skipped.length > 0 ? <p>Skipped: {skipped.join('; ')}</p> : null}
    </Message>
  )
}
