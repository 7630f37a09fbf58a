import type { ModelInfo } from '../../../shared/providers'
import { EDITED_WORDS, formatPrice, formatTokens, MODEL_SOURCE_WORDS } from './format'

interface Props {
  model: ModelInfo
  removing: boolean
  onEdit: () => void
  onRemove: () => void
}

/** One model: names, size, price and what it can do. Built-in models can be edited but not removed. */
export function ModelRow({ model, removing, onEdit, onRemove }: Props) {
  const name = model.displayName?.trim()
  return (
    <tr>
      <td className="settings-model-name">
        {name && name !== model.id ? <span className="settings-model-display">{name}</span> : null}
        <code className="settings-model-id">{model.id}</code>
      </td>
      <td
        title={
          model.contextWindow === null ? undefined : `${model.contextWindow.toLocaleString('en')} tokens`
        }
      >
        {formatTokens(model.contextWindow)}
      </td>
      <td>
        {model.inputPrice === null && model.outputPrice === null
          ? '—'
          : `${formatPrice(model.inputPrice)} / ${formatPrice(model.outputPrice)}`}
      </td>
      <td>
        <span className="settings-tags">
          {model.vision ? <span className="settings-tag">vision</span> : null}
          {model.reasoning ? <span className="settings-tag">reasoning</span> : null}
          <span className="settings-tag settings-tag-quiet">
            {model.edited ? EDITED_WORDS : MODEL_SOURCE_WORDS[model.source]}
          </span>
        </span>
      </td>
      <td>
        <span className="settings-actions settings-row-actions">
          <button
            type="button"
            className="secondary"
            aria-label={`Edit model ${model.id}`}
            data-focus-key={`edit-model:${model.id}`}
            onClick={onEdit}
          >
            Edit
          </button>
          {model.source === 'preset' ? null : (
            <button
              type="button"
              className="secondary"
              aria-label={`Remove model ${model.id}`}
              disabled={removing}
              onClick={onRemove}
            >
              {removing ? 'Removing…' : 'Remove'}
            </button>
          )}
        </span>
      </td>
    </tr>
  )
}
