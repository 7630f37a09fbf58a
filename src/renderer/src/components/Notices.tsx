import { useState } from 'react'
import { useChatStore } from '../store'

/** Things the person must know: a data file moved aside, no provider set up, the last failed action. */
export function Notices() {
  const status = useChatStore((state) => state.status)
  const problem = useChatStore((state) => state.problem)
  const dismissProblem = useChatStore((state) => state.dismissProblem)
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set())

  const notices = (status?.notices ?? []).filter((notice) => !dismissed.has(notice.text))
  return (
    <div className="notices">
      {status && !status.provider && (
        <div className="notice notice-warning" role="status">
          No provider is set up. Start Roundtable with OPENAI_API_KEY (and OPENAI_BASE_URL for another
          OpenAI-compatible server) in the environment.
        </div>
      )}
      {notices.map((notice) => (
        <div key={notice.text} className={`notice notice-${notice.level}`} role="status">
          <span>{notice.text}</span>
          <button
            type="button"
            className="icon"
            aria-label="Dismiss"
            onClick={() => setDismissed(new Set([...dismissed, notice.text]))}
          >
            ×
          </button>
        </div>
      ))}
      {problem && (
        <div className="notice notice-error" role="alert">
          <span>{problem}</span>
          <button type="button" className="icon" aria-label="Dismiss" onClick={dismissProblem}>
            ×
          </button>
        </div>
      )}
    </div>
  )
}
