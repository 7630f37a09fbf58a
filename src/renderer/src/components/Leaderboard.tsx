// Who wins, from the person's own judgements: every kept answer is a win over the other answers of its
// turn, and an answer voted above another of the same question beats it. Ratings are a Bradley–Terry
// fit on an Elo-like scale, with a 95% interval.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LeaderboardPeriod, LeaderboardRow } from '../../../shared/types'
import { api } from '../api'
import { useErrorText } from '../i18n/error-text'

const PERIODS: readonly LeaderboardPeriod[] = ['7d', '30d', 'all']

export function Leaderboard() {
  const { t } = useTranslation(['chat', 'common'])
  const errorText = useErrorText()
  const [period, setPeriod] = useState<LeaderboardPeriod>('30d')
  const [rows, setRows] = useState<LeaderboardRow[] | null>(null)
  // The failure itself, worded when shown: a language switch rewords it.
  const [problem, setProblem] = useState<{ error: unknown } | null>(null)

  useEffect(() => {
    let current = true
    setProblem(null)
    api.getLeaderboard({ period }).then(
      (result) => current && setRows(result),
      (error: unknown) => current && setProblem({ error }),
    )
    return () => {
      current = false
    }
  }, [period])

  return (
    <section className="leaderboard" aria-labelledby="leaderboard-title">
      <header className="leaderboard-header">
        <h2 id="leaderboard-title">{t('leaderboard.title')}</h2>
        <label>
          <span className="visually-hidden">{t('leaderboard.period')}</span>
          <select
            value={period}
            aria-label={t('leaderboard.period')}
            onChange={(event) => setPeriod(event.target.value as LeaderboardPeriod)}
          >
            {PERIODS.map((value) => (
              <option key={value} value={value}>
                {t(`leaderboard.periods.${value}`)}
              </option>
            ))}
          </select>
        </label>
      </header>
      {problem && (
        <p className="field-error" role="alert">
          {errorText(problem.error)}
        </p>
      )}
      {rows === null && !problem && <p className="muted">{t('common:loading')}</p>}
      {rows !== null && rows.length === 0 && (
        <div className="empty-thread">
          <h3>{t('leaderboard.emptyTitle')}</h3>
          <p>{t('leaderboard.emptyBody')}</p>
        </div>
      )}
      {rows !== null && rows.length > 0 && (
        <>
          <table className="leaderboard-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('leaderboard.model')}</th>
                <th scope="col">{t('leaderboard.rating')}</th>
                <th scope="col">{t('leaderboard.wins')}</th>
                <th scope="col">{t('leaderboard.losses')}</th>
                <th scope="col">{t('leaderboard.votes')}</th>
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
                  <td>{t('leaderboard.upDown', { up: row.up, down: row.down })}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t('leaderboard.explain')}</p>
        </>
      )}
    </section>
  )
}
