import { useId, useState } from 'react'
import type { ModelInfo } from '../../../shared/providers'
import { ModelRow } from './ModelRow'

/** Above this many models a filter box helps find one. */
const FILTER_FROM = 10

interface Props {
  models: ModelInfo[]
  labelledBy: string
  removingId: string | null
  onEdit: (model: ModelInfo) => void
  onRemove: (model: ModelInfo) => void
}

export function ModelTable({ models, labelledBy, removingId, onEdit, onRemove }: Props) {
  const [filter, setFilter] = useState('')
  const filterId = useId()
  const needle = filter.trim().toLowerCase()
  const shown = needle
    ? models.filter(
        (model) =>
          model.id.toLowerCase().includes(needle) || model.displayName?.toLowerCase().includes(needle),
      )
    : models

  return (
    <>
      {models.length > FILTER_FROM ? (
        <div className="settings-field settings-filter">
          <label htmlFor={filterId}>Filter models</label>
          <input
            id={filterId}
            type="search"
            value={filter}
            placeholder="Name or id"
            onChange={(event) => setFilter(event.target.value)}
          />
        </div>
      ) : null}
      {shown.length === 0 ? (
        <p className="settings-empty">No model matches “{filter.trim()}”.</p>
      ) : (
        <div className="settings-table-wrap">
          <table className="settings-table" aria-labelledby={labelledBy}>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Context window</th>
                <th scope="col">Price in / out ($ per million tokens)</th>
                <th scope="col">Features</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((model) => (
                <ModelRow
                  key={model.id}
                  model={model}
                  removing={removingId === model.id}
                  onEdit={() => onEdit(model)}
                  onRemove={() => onRemove(model)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
