import { useId, useRef } from 'react'
import { useDialogFocus } from '../settings/useDialogFocus'
import { SHORTCUTS, shortcutKeys } from '../shortcuts'

/** Every keyboard shortcut, as this system writes it (Ctrl/Cmd+/ opens it). */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDivElement>(null)
  const headingId = useId()
  useDialogFocus(dialog, onClose)
  return (
    <div className="dialog-backdrop">
      <div
        ref={dialog}
        className="merge-dialog shortcuts-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        tabIndex={-1}
      >
        <h2 id={headingId}>Keyboard shortcuts</h2>
        <dl className="shortcut-list">
          {SHORTCUTS.map((shortcut) => (
            <div key={shortcut.name}>
              <dt>
                <kbd>{shortcutKeys(shortcut.keys)}</kbd>
              </dt>
              <dd>{shortcut.label}</dd>
            </div>
          ))}
          <div>
            <dt>
              <kbd>Enter</kbd> / <kbd>Shift+Enter</kbd>
            </dt>
            <dd>Send / new line</dd>
          </div>
        </dl>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  )
}
