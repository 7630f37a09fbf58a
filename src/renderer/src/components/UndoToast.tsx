import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useChatStore } from '../store'

/** How long Undo is offered on screen; the main process keeps what was deleted longer. */
const SHOWN_MS = 8_000

export function UndoToast() {
  const { t } = useTranslation(['chat', 'common'])
  const undo = useChatStore((state) => state.undo)
  const undoDelete = useChatStore((state) => state.undoDelete)
  const dismiss = useChatStore((state) => state.dismissUndo)
  useEffect(() => {
    if (!undo) return
    const timer = setTimeout(dismiss, SHOWN_MS)
    return () => clearTimeout(timer)
  }, [undo, dismiss])
  if (!undo) return null
  return (
    <div className="toast" role="status">
      <span>{t(undo.what === 'message' ? 'undo.messageDeleted' : 'undo.answerDeleted')}</span>
      <button type="button" className="secondary" onClick={() => void undoDelete()}>
        {t('common:undo')}
      </button>
      <button type="button" className="icon" aria-label={t('common:dismiss')} onClick={dismiss}>
        ✕
      </button>
    </div>
  )
}
