// Who wins, from the person's own judgements: every kept answer is a win over the other answers of its
// turn, and an answer voted above another of the same question beats it. Ratings are a Bradley–Terry
// fit on an Elo-like scale, with a 95% interval.
import { useEffect, useState } from 'react'
import type { LeaderboardPeriod, LeaderboardRow } from '../../../shared/types'
import { api } from '../api'

const PERIODS: { value: LeaderboardPeriod; label: string }[] = [
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: 'all', label: 'All time' },
]

export function Leaderboard() {
  const [period, setPeriod] = useState<LeaderboardPeriod>('30d')
  const [rows, setRows] = useState<LeaderboardRow[] | null>(null)
  const [problem, setProblem] = useState<string | null>(null)

  useEffect(() => {
    let current = true
    setProblem(null)
    api.getLeaderboard({ period }).then(
      (result) => current && setRows(result),
      (error: unknown) => current && setProblem(error instanceof Error ? error.message : String(error)),
    )
    return () => {
      current = false
    }
  }, [period])

  return (
    <section className="leaderboard" aria-labelledby="leaderboard-title">
      <header className="leaderboard-header">
        <h2 id="leaderboard-title">Leaderboard</h2>
        <label>
          <span className="visually-hidden">Period</span>
          <select
            value={period}
            aria-label="Period"
            onChange={(event) => setPeriod(event.target.value as LeaderboardPeriod)}
          >
            {PERIODS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      </header>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {rows === null && !problem && <p className="muted">Loading…</p>}
      {rows !== null && rows.length === 0 && (
        <div className="empty-thread">
          <h3>No comparisons yet</h3>
          <p>
            Ask two or more models the same question with Compare, then keep the answer you prefer, or mark
            answers good or bad. Every choice you make shows up here.
          </p>
        </div>
      )}
      {rows !== null && rows.length > 0 && (
        <>
          <table className="leaderboard-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Model</th>
                <th scope="col">Rating</th>
                <th scope="col">Wins</th>
                <th scope="col">Losses</th>
                <th scope="col">Votes</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={`${row.providerId} ${row.model}`}>
                  <td>{index + 1}</td>
                  <th scope="row">
                    {row.modelName} <span className="muted">{row.providerName}</span>
                  </th>
                  <td>
                    {Math.round(row.rating)}{' '}
                    <span className="muted">
                      ({Math.round(row.low)}–{Math.round(row.high)})
                    </span>
                  </td>
                  <td>{row.wins}</td>
                  <td>{row.losses}</td>
                  <td>
                    {row.up} up · {row.down} down
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            1500 is average; the range is where the rating lies with 95% confidence and narrows with every
            comparison. A kept answer wins over the other answers of its turn; within one question, an answer
            voted higher beats one voted lower.
          </p>
        </>
      )}
    </section>
  )
}
