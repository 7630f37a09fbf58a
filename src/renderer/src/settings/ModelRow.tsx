import { useTranslation } from 'react-i18next'
import type { ModelInfo } from '../../../shared/providers'
import { useFormat } from '../i18n/format'
import { formatPrice, formatTokens } from './format'

interface Props {
  model: ModelInfo
  removing: boolean
  onEdit: () => void
  onRemove: () => void
}

/** One model: names, size, price and what it can do. Built-in models can be edited but not removed. */
export function ModelRow({ model, removing, onEdit, onRemove }: Props) {
  const { t } = useTranslation('settings')
  const format = useFormat()
  const name = model.displayName?.trim()
  return (
    <tr>
      <td className="settings-model-name">
        {name && name !== model.id ? <span className="settings-model-display">{name}</span> : null}
        <code className="settings-model-id">{model.id}</code>
      </td>
      <td
        title={
          model.contextWindow === null
            ? undefined
            : t('models.tokens', { n: format.number(model.contextWindow) })
        }
      >
        {formatTokens(model.contextWindow, format)}
      </td>
      <td>
        {model.inputPrice === null && model.outputPrice === null
          ? '—'
          : `${formatPrice(model.inputPrice, format)} / ${formatPrice(model.outputPrice, format)}`}
      </td>
      <td>
        <span className="settings-tags">
          {model.vision ? <span className="settings-tag">{t('models.vision')}</span> : null}
          {model.reasoning ? <span className="settings-tag">{t('models.reasoning')}</span> : null}
          <span className="settings-tag settings-tag-quiet">
            {model.edited ? t('models.edited') : t(`models.source.${model.source}`)}
          </span>
        </span>
      </td>
      <td>
        <span className="settings-actions settings-row-actions">
          <button
            type="button"
            className="secondary"
            aria-label={t('models.editNamed', { id: model.id })}
            data-focus-key={`edit-model:${model.id}`}
            onClick={onEdit}
          >
            {t('models.edit')}
          </button>
          {model.source === 'preset' ? null : (
            <button
              type="button"
              className="secondary"
              aria-label={t('models.removeNamed', { id: model.id })}
              disabled={removing}
              onClick={onRemove}
            >
              {removing ? t('models.removing') : t('models.remove')}
            </button>
          )}
        </span>
      </td>
    </tr>
  )
}
