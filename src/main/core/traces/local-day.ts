// Monitoring's periods in the person's own time: local hours and local days (23 to 25 hours long
// around a clock change). Plain code: the reads worker loads this file as it is.

export type Span = 'hour' | 'day'

/** The start of the local hour or day `time` falls in. */
export function startOf(span: Span, time: number): number {
  const date = new Date(time)
  if (span === 'day') date.setHours(0, 0, 0, 0)
  else date.setMinutes(0, 0, 0)
  return date.getTime()
}

/** The starts of the `count` local hours or days ending with the current one, oldest first. */
export function lastPeriods(span: Span, now: number, count: number): number[] {
  const current = new Date(startOf(span, now))
  return Array.from({ length: count }, (_, i) => {
    const period = new Date(current)
    if (span === 'day') period.setDate(current.getDate() - (count - 1 - i))
    else period.setHours(current.getHours() - (count - 1 - i))
    return period.getTime()
  })
}
