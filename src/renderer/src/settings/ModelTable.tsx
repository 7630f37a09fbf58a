import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
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
  const { t } = useTranslation('settings')
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
          <label htmlFor={filterId}>{t('models.filter')}</label>
          <input
            id={filterId}
            type="search"
            value={filter}
            placeholder={t('models.filterPlaceholder')}
            onChange={(event) => setFilter(event.target.value)}
          />
        </div>
      ) : null}
      {shown.length === 0 ? (
        <p className="settings-empty">{t('models.noMatch', { filter: filter.trim() })}</p>
      ) : (
        <div className="settings-table-wrap">
          <table className="settings-table" aria-labelledby={labelledBy}>
            <thead>
              <tr>
                <th scope="col">{t('models.columnModel')}</th>
                <th scope="col">{t('models.columnContext')}</th>
                <th scope="col">{t('models.columnPrice')}</th>
                <th scope="col">{t('models.columnFeatures')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('models.columnActions')}</span>
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
