// A small bar chart per hour or day, drawn as SVG with visx's scales and axes: React draws it, no
// canvas, no animation, and every colour comes from the style sheet (the strict CSP allows no inline
// style attributes in markup; React's own style properties are not used here either).
import { AxisBottom, AxisLeft } from '@visx/axis'
import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar } from '@visx/shape'
import { useLayoutEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../i18n/format'
import { bucketLabel } from './format'

export interface BarSeries {
  label: string
  /** The CSS class that colours its bars (see monitoring.css). */
  className: string
}

export interface BarChartProps {
  title: string
  /** One row per bucket: its start, and one value per series (stacked in order). */
  rows: { start: number; values: (number | null)[] }[]
  series: BarSeries[]
  bucketMs: number
  format: (value: number) => string
  /** Said instead of a chart when every value in the period is zero or unknown. */
  emptyText: string
  height?: number
}

const MARGIN = { top: 8, right: 8, bottom: 24, left: 60 }
// The text's colour is the page's (currentColor), so both themes read.
const AXIS = {
  axisClassName: 'chart-axis',
  tickClassName: 'chart-tick',
  stroke: 'currentColor',
  tickStroke: 'currentColor',
  tickLabelProps: { fill: 'currentColor', fontSize: 11 },
} as const

export function BarChart({ title, rows, series, bucketMs, format, emptyText, height = 160 }: BarChartProps) {
  const { t } = useTranslation('monitoring')
  const f = useFormat()
  const frame = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(480)
  useLayoutEffect(() => {
    const element = frame.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(200, Math.floor(entry.contentRect.width)))
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const innerWidth = width - MARGIN.left - MARGIN.right
  const innerHeight = height - MARGIN.top - MARGIN.bottom
  const totals = rows.map((row) => row.values.reduce<number>((sum, value) => sum + (value ?? 0), 0))
  const x = scaleBand<number>({ domain: rows.map((row) => row.start), range: [0, innerWidth], padding: 0.2 })
  const highest = Math.max(0, ...totals)
  const y = scaleLinear<number>({
    domain: [0, highest || 1],
    range: [innerHeight, 0],
    nice: true,
  })
  // Few enough labels to read: about one per 60 px.
  const every = Math.max(1, Math.ceil(rows.length / Math.max(1, Math.floor(innerWidth / 60))))
  const summary = t(bucketMs < 86_400_000 ? 'chart.summaryHours' : 'chart.summaryDays', {
    title,
    count: rows.length,
    highest: format(highest),
  })

  return (
    <figure className="chart">
      <figcaption>
        {title}
        {series.length > 1 && (
          <span className="chart-legend">
            {series.map((s) => (
              <span key={s.label}>
                <svg width="10" height="10" aria-hidden="true">
                  <rect width="10" height="10" rx="2" className={s.className} />
                </svg>
                {s.label}
              </span>
            ))}
          </span>
        )}
      </figcaption>
      <div ref={frame} className="chart-frame">
        {highest === 0 ? (
          <p className="chart-empty">{emptyText}</p>
        ) : (
          <svg width={width} height={height} role="img" aria-label={summary}>
            <Group left={MARGIN.left} top={MARGIN.top}>
              {rows.map((row) => {
                let base = 0
                return row.values.map((value, index) => {
                  const seriesOf = series[index]
                  if (!seriesOf || !value) return null
                  const top = y(base + value)
                  const bottom = y(base)
                  base += value
                  return (
                    <Bar
                      key={`${row.start}-${seriesOf.label}`}
                      x={x(row.start) ?? 0}
                      y={top}
                      width={x.bandwidth()}
                      height={Math.max(0, bottom - top)}
                      className={seriesOf.className}
                    >
                      <title>
                        {t('chart.bar', {
                          bucket: bucketLabel(row.start, bucketMs, f),
                          series: seriesOf.label,
                          value: format(value),
                        })}
                      </title>
                    </Bar>
                  )
                })
              })}
              <AxisLeft
                scale={y}
                numTicks={4}
                tickFormat={(value) => format(Number(value))}
                {...AXIS}
                hideAxisLine
              />
              <AxisBottom
                top={innerHeight}
                scale={x}
                tickValues={rows.filter((_, index) => index % every === 0).map((row) => row.start)}
                tickFormat={(start) => bucketLabel(Number(start), bucketMs, f)}
                {...AXIS}
              />
            </Group>
          </svg>
        )}
      </div>
    </figure>
  )
}
