// Where the context begins in a long chat: the messages above are dimmed, and this line says why
// (left out of the window, or summarized, with the summary a click away).
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ContextSummary, ContextUse } from '../../../shared/context'
import { api } from '../api'
import { Modal } from '../components/Modal'
import { useErrorText } from '../i18n/error-text'
import { useFormat } from '../i18n/format'

export function LeftOutDivider({ chatId, use }: { chatId: string; use: ContextUse }) {
  const { t } = useTranslation(['context', 'common'])
  const f = useFormat()
  const errorText = useErrorText()
  const [summary, setSummary] = useState<ContextSummary | null>(null)
  // The error itself, worded at render time: in the language shown even after a switch.
  const [problem, setProblem] = useState<{ error: unknown } | null>(null)
  const summarized = use.summary !== null
  return (
    <div className="context-divider" role="note">
      <span>
        {summarized
          ? t('divider.summarized')
          : use.toSummarize > 0
            ? t('divider.whenSent')
            : t('divider.leftOut', { model: use.model })}
      </span>
      {use.summary && (
        <button
          type="button"
          className="secondary small"
          onClick={() => {
            const chosen = use.summary
            if (!chosen) return
            setProblem(null)
            api
              .getContextSummary({ chatId, summaryId: chosen.id })
              .then(setSummary, (error: unknown) => setProblem({ error }))
          }}
        >
          {t('divider.read')}
        </button>
      )}
      {problem && <span role="alert">{errorText(problem.error)}</span>}
      {summary && (
        <Modal title={t('divider.title')} className="summary-dialog" onClose={() => setSummary(null)}>
          <p className="summary-facts">
            {t('divider.covers', { value: f.number(summary.covered) })}
            {summary.leftOut > 0 && t('divider.olderLeftOut', { value: f.number(summary.leftOut) })}
            {summary.model && t('divider.writtenBy', { model: summary.model })}
            {t('divider.end')}
          </p>
          <p className="summary-text">{summary.content}</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setSummary(null)}>
              {t('common:close')}
            </button>
          </div>
        </Modal>
      )}
    </div>
  )
}
