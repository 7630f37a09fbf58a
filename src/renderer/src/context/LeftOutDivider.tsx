// Where the context begins in a long chat: the messages above are dimmed, and this line says why
// (left out of the window, or summarized, with the summary a click away).
import { useState } from 'react'
import type { ContextSummary, ContextUse } from '../../../shared/context'
import { api } from '../api'
import { Modal } from '../components/Modal'

export function LeftOutDivider({ chatId, use }: { chatId: string; use: ContextUse }) {
  const [summary, setSummary] = useState<ContextSummary | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const summarized = use.summary !== null
  return (
    <div className="context-divider" role="note">
      <span>
        {summarized
          ? 'Earlier messages summarized'
          : use.toSummarize > 0
            ? 'Earlier messages are summarized when you send'
            : `Earlier messages are left out of the context for ${use.model}`}
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
              .then(setSummary, (error: unknown) => setProblem((error as Error).message))
          }}
        >
          Read summary
        </button>
      )}
      {problem && <span role="alert">{problem}</span>}
      {summary && (
        <Modal
          title="Summary of earlier messages"
          className="summary-dialog"
          onClose={() => setSummary(null)}
        >
          <p className="summary-facts">
            Covers {summary.covered.toLocaleString('en')} messages
            {summary.leftOut > 0 && `; ${summary.leftOut.toLocaleString('en')} older ones were left out`}
            {summary.model && `, written by ${summary.model}`}.
          </p>
          <p className="summary-text">{summary.content}</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setSummary(null)}>
              Close
            </button>
          </div>
        </Modal>
      )}
    </div>
  )
}
