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
        <div>
          <dt>
            <kbd>↑</kbd>
          </dt>
          <dd>In an empty message box: edit your last message</dd>
        </div>
        <div>
          <dt>
            <kbd>↑</kbd> <kbd>↓</kbd> <kbd>Home</kbd> <kbd>End</kbd>
          </dt>
          <dd>In the chat list: move between chats (F2 renames, Delete deletes)</dd>
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
