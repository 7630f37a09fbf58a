// Why Auto chose the model it chose: every candidate with its scores, what put some out, the hops
// taken when a model failed, and in one sentence what the winner won on.
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { RouteCandidate, RouteTrace, ScoreParts } from '../../../shared/routing'
import { type Formatter, useFormat } from '../i18n/format'

type T = TFunction<'monitoring'>
const PARTS = ['latency', 'load', 'cost', 'quality'] as const satisfies readonly (keyof ScoreParts)[]

export function RouteExplanation({ route }: { route: RouteTrace }) {
  const { t } = useTranslation('monitoring')
  const f = useFormat()
  const chosen = route.hops[0]
  const score = (value: number) => f.number(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  return (
    <section aria-label={t('route.title')}>
      <h3>{t('route.title')}</h3>
      <p>{whyWords(route, t, f)}</p>
      {route.hops.length > 1 && (
        <ol className="route-hops" aria-label={t('route.hops')}>
          {route.hops.map((hop, index) => (
            <li key={`${hop.providerId} ${hop.model}`}>
              {t(index === 0 ? 'route.chose' : 'route.fellBack', { model: hop.model })}
              {hop.outcome === 'failed'
                ? t('route.failed', { kind: hop.errorKind ?? t('route.error') })
                : t(`route.outcome.${hop.outcome}`)}
            </li>
          ))}
        </ol>
      )}
      <table className="trace-attempts route-candidates">
        <thead>
          <tr>
            <th scope="col">{t('route.model')}</th>
            <th scope="col">{t('route.score')}</th>
            {PARTS.map((part) => (
              <th key={part} scope="col">
                {t('route.partHead', { part: t(`route.partHeads.${part}`), weight: route.weights[part] })}
              </th>
            ))}
            <th scope="col">{t('route.health')}</th>
            <th scope="col">{t('route.figures')}</th>
          </tr>
        </thead>
        <tbody>
          {route.candidates.map((candidate) => (
            <tr
              key={`${candidate.providerId} ${candidate.model}`}
              aria-current={chosen && same(candidate, chosen) ? 'true' : undefined}
            >
              <th scope="row">{candidate.model}</th>
              {candidate.parts === null || candidate.score === null ? (
                <td colSpan={PARTS.length + 2}>
                  {candidate.excluded ? t(`route.excluded.${candidate.excluded}`) : '—'}
                </td>
              ) : (
                <>
                  <td>{score(candidate.score)}</td>
                  {PARTS.map((part) => (
                    <td key={part}>{candidate.parts ? score(candidate.parts[part]) : null}</td>
                  ))}
                  <td>{score(candidate.parts.health)}</td>
                </>
              )}
              <td>{figures(candidate, t, f)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="settings-hint">{t('route.hint', { tokens: f.number(route.estimatedTokens) })}</p>
    </section>
  )
}

function whyWords(route: RouteTrace, t: T, f: Formatter): string {
  const score = (value: number) => f.number(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  const chosen = route.hops[0]
  const winner = chosen ? route.candidates.find((c) => same(c, chosen)) : undefined
  if (!chosen || !winner) return t('route.nothing', { name: route.profileName })
  const profile = t('route.auto', { name: route.profileName })
  const model = chosen.model
  if (route.reason === 'sticky') return t('route.sticky', { profile, model })
  if (route.reason === 'exploring') return t('route.exploring', { profile, model })
  const runnerUp = route.candidates.find((c) => c.score !== null && !same(c, winner))
  if (!runnerUp || runnerUp.score === null || !runnerUp.parts || !winner.parts)
    return t('route.only', { profile, model })
  if (Math.abs((winner.score ?? 0) - runnerUp.score) < 0.005)
    return t('route.tied', { profile, model, other: runnerUp.model, score: score(runnerUp.score) })
  const lead = PARTS.map((part) => ({
    part,
    by: route.weights[part] * ((winner.parts?.[part] ?? 0) - (runnerUp.parts?.[part] ?? 0)),
  })).sort((a, b) => b.by - a.by)[0]
  const facts = {
    profile,
    model,
    score: score(winner.score ?? 0),
    otherScore: score(runnerUp.score),
    other: runnerUp.model,
  }
  return lead && lead.by > 0
    ? t('route.scoredOn', { ...facts, part: t(`route.parts.${lead.part}`) })
    : t('route.scored', facts)
}

function figures(candidate: RouteCandidate, t: T, f: Formatter): string {
  const facts = candidate.facts
  const whole = (value: number) => f.number(Math.round(value), { useGrouping: false })
  const parts = [
    facts.firstTokenMs === null ? null : t('route.factFirstToken', { value: whole(facts.firstTokenMs) }),
    facts.tokensPerSecond === null ? null : t('route.factSpeed', { value: whole(facts.tokensPerSecond) }),
    t('route.factRecent', { value: f.number(facts.samples) }),
    t('route.factInFlight', { inFlight: facts.inFlight, limit: facts.limit }),
    facts.estimatedCost === null
      ? null
      : f.number(facts.estimatedCost, {
          style: 'currency',
          currency: 'USD',
          minimumFractionDigits: 5,
          maximumFractionDigits: 5,
        }),
    facts.rating === null ? t('route.unrated') : t('route.rating', { value: whole(facts.rating) }),
  ]
  return parts.filter((part) => part !== null).join(' · ')
}

const same = (a: { providerId: string; model: string }, b: { providerId: string; model: string }) =>
  a.providerId === b.providerId && a.model === b.model
