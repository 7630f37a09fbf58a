import { SHORTCUTS, shortcutKeys } from '../shortcuts'
import { Modal } from './Modal'

/** Every keyboard shortcut, as this system writes it (Ctrl/Cmd+/ opens it). */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose}>
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
    </Modal>
  )
}
