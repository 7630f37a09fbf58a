// Why Auto chose the model it chose: every candidate with its scores, what put some out, the hops
// taken when a model failed, and in one sentence what the winner won on.
import type { Exclusion, RouteCandidate, RouteTrace, ScoreParts } from '../../../shared/routing'

const EXCLUDED: Record<Exclusion, string> = {
  context: 'Out: the prompt does not fit its context window',
  vision: 'Out: the request has images and it has no vision',
  breaker: 'Out: paused after repeated failures',
  disabled: 'Out: its provider is turned off or removed',
}
const PARTS = ['latency', 'load', 'cost', 'quality'] as const satisfies readonly (keyof ScoreParts)[]

export function RouteExplanation({ route }: { route: RouteTrace }) {
  const chosen = route.hops[0]
  return (
    <section aria-label="Why this model">
      <h3>Why this model</h3>
      <p>{whyWords(route)}</p>
      {route.hops.length > 1 && (
        <ol className="route-hops" aria-label="Models asked">
          {route.hops.map((hop, index) => (
            <li key={`${hop.providerId} ${hop.model}`}>
              {index === 0 ? 'Chose' : 'Fell back to'} {hop.model}:{' '}
              {hop.outcome === 'failed'
                ? `failed before answering (${hop.errorKind ?? 'error'})`
                : hop.outcome}
            </li>
          ))}
        </ol>
      )}
      <table className="trace-attempts route-candidates">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Score</th>
            {PARTS.map((part) => (
              <th key={part} scope="col">
                {capitalised(part)} ×{route.weights[part]}
              </th>
            ))}
            <th scope="col">Health</th>
            <th scope="col">Figures</th>
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
                <td colSpan={PARTS.length + 2}>{candidate.excluded ? EXCLUDED[candidate.excluded] : '—'}</td>
              ) : (
                <>
                  <td>{candidate.score.toFixed(2)}</td>
                  {PARTS.map((part) => (
                    <td key={part}>{candidate.parts?.[part].toFixed(2)}</td>
                  ))}
                  <td>{candidate.parts.health.toFixed(2)}</td>
                </>
              )}
              <td>{figures(candidate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="settings-hint">
        Each score runs from 0 to 1 against the other candidates; the weighted sum is scaled by health (the
        share of recent requests that answered). A model with no figures yet gets the middle value. Prompt:
        about {route.estimatedTokens.toLocaleString('en')} tokens.
      </p>
    </section>
  )
}

function whyWords(route: RouteTrace): string {
  const chosen = route.hops[0]
  const winner = chosen ? route.candidates.find((c) => same(c, chosen)) : undefined
  if (!chosen || !winner) return `Profile ${route.profileName}: no model could be asked.`
  const profile = `Auto (${route.profileName})`
  if (route.reason === 'sticky')
    return `${profile} kept ${chosen.model}: this chat was answered by it before.`
  if (route.reason === 'exploring')
    return `${profile} tried ${chosen.model} to learn how it does: it has few answers so far (a small share of requests explores).`
  const runnerUp = route.candidates.find((c) => c.score !== null && !same(c, winner))
  if (!runnerUp || runnerUp.score === null || !runnerUp.parts || !winner.parts)
    return `${profile} chose ${chosen.model}: the only model that could be asked.`
  if (Math.abs((winner.score ?? 0) - runnerUp.score) < 0.005)
    return `${profile} chose ${chosen.model}: tied with ${runnerUp.model} at ${runnerUp.score.toFixed(2)}, and a tie goes to the one listed first.`
  const lead = PARTS.map((part) => ({
    part,
    by: route.weights[part] * ((winner.parts?.[part] ?? 0) - (runnerUp.parts?.[part] ?? 0)),
  })).sort((a, b) => b.by - a.by)[0]
  return `${profile} chose ${chosen.model}: it scored ${winner.score?.toFixed(2)} against ${runnerUp.score.toFixed(2)} for ${runnerUp.model}${lead && lead.by > 0 ? `, most of all on ${lead.part}` : ''}.`
}

function figures(candidate: RouteCandidate): string {
  const f = candidate.facts
  const parts = [
    f.firstTokenMs === null ? null : `${Math.round(f.firstTokenMs)} ms to first token`,
    f.tokensPerSecond === null ? null : `${Math.round(f.tokensPerSecond)} tok/s`,
    `${f.samples} recent`,
    `${f.inFlight}/${f.limit} in flight`,
    f.estimatedCost === null ? null : `$${f.estimatedCost.toFixed(5)}`,
    f.rating === null ? 'unrated' : `rating ${Math.round(f.rating)}`,
  ]
  return parts.filter((part) => part !== null).join(' · ')
}

const same = (a: { providerId: string; model: string }, b: { providerId: string; model: string }) =>
  a.providerId === b.providerId && a.model === b.model

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)
