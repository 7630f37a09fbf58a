import { useEffect } from 'react'
import { useChatStore } from '../store'

/** How long Undo is offered on screen; the main process keeps what was deleted longer. */
const SHOWN_MS = 8_000

export function UndoToast() {
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
      <span>{undo.what}</span>
      <button type="button" className="secondary" onClick={() => void undoDelete()}>
        Undo
      </button>
      <button type="button" className="icon" aria-label="Dismiss" onClick={dismiss}>
        ✕
      </button>
    </div>
  )
}
