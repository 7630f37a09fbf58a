import { Check, Copy } from 'lucide-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

/** Copies text to the clipboard (as Markdown, the way it was written) and says whether it worked. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation(['chat', 'common'])
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setState('copied')
    } catch {
      setState('failed')
    }
    setTimeout(() => setState('idle'), 1_500)
  }
  const name =
    state === 'copied'
      ? t('common:copied')
      : state === 'failed'
        ? t('message.copyFailed')
        : (label ?? t('common:copy'))
  return (
    <button type="button" className="icon action" aria-label={name} title={name} onClick={() => void copy()}>
      {state === 'copied' ? <Check size={16} aria-hidden="true" /> : <Copy size={16} aria-hidden="true" />}
    </button>
  )
}
