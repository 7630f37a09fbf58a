import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { extractJson, formatJson } from '../../../shared/json-extract'

/** For an answer that holds JSON: Copy JSON, and the value formatted for reading. */
export function JsonTools({ text }: { text: string }) {
  const { t } = useTranslation('chat')
  const extracted = useMemo(() => extractJson(text), [text])
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)
  if (extracted.kind !== 'json') return null
  const formatted = formatJson(extracted.value)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(formatted)
      setCopied('yes')
    } catch {
      setCopied('failed')
    }
  }
  return (
    <div className="json-tools">
      <button type="button" className="secondary" onClick={() => void copy()}>
        {t('json.copy')}
      </button>
      {copied === 'yes' ? <span role="status">{t('json.copied')}</span> : null}
      {copied === 'failed' ? <span role="alert">{t('json.failed')}</span> : null}
      <details className="json-formatted">
        <summary>{t('json.formatted')}</summary>
        <pre>{formatted}</pre>
      </details>
    </div>
  )
}
