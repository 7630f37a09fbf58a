import { useTranslation } from 'react-i18next'
import { SHORTCUTS, shortcutKeys } from '../shortcuts'
import { Modal } from './Modal'

/** Every keyboard shortcut, as this system writes it (Ctrl/Cmd+/ opens it). */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['chat', 'common'])
  return (
    <Modal title={t('shortcuts.title')} onClose={onClose}>
      <dl className="shortcut-list">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.name}>
            <dt>
              <kbd>{shortcutKeys(shortcut.keys)}</kbd>
            </dt>
            <dd>{t(`shortcuts.names.${shortcut.name}`)}</dd>
          </div>
        ))}
        <div>
          <dt>
            <kbd>{t('shortcuts.keys.enter')}</kbd> / <kbd>{t('shortcuts.keys.shiftEnter')}</kbd>
          </dt>
          <dd>{t('shortcuts.sendOrNewLine')}</dd>
        </div>
        <div>
          <dt>
            <kbd>↑</kbd>
          </dt>
          <dd>{t('shortcuts.editLast')}</dd>
        </div>
        <div>
          <dt>
            <kbd>↑</kbd> <kbd>↓</kbd> <kbd>{t('shortcuts.keys.home')}</kbd>{' '}
            <kbd>{t('shortcuts.keys.end')}</kbd>
          </dt>
          <dd>{t('shortcuts.moveInList')}</dd>
        </div>
      </dl>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common:close')}
        </button>
      </div>
    </Modal>
  )
}
