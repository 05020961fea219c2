// The Statistics page's pure logic: leaderboard rows and the lap chart's data and axes.
import type { BoardRow, ChartPoint, GroupRef } from '@/api/types'

import { formatClock, formatDuration, runnerName } from './format'

/** One line of a ranking card, ready to render. */
export interface RankRow {
  id: number
  name: string
  detail: string // the group, or nothing
  value: string
  share: number // 0..1 of the leader's value, for a bar
}

/** The first `limit` rows, each runner once (the server already dedupes; a board must never repeat). */
export function uniqueRunners(rows: BoardRow[] | null | undefined, limit: number): BoardRow[] {
  const seen = new Set<number>()
  const out: BoardRow[] = []
  for (const row of rows ?? []) {
    if (seen.has(row.runner.id)) continue
    seen.add(row.runner.id)
    out.push(row)
    if (out.length >= limit) break
  }
  return out
}

type Metric = 'best' | 'laps' | 'points'

/** Board rows as ranking lines; durations as m:ss, counts as they are. Lower is better for `best`. */
export function boardRows(rows: BoardRow[] | null | undefined, metric: Metric, limit = 3): RankRow[] {
  const top = uniqueRunners(rows, limit)
  const values = top.map((r) => r[metric] ?? 0)
  const leader = metric === 'best' ? Math.min(...values) : Math.max(...values)
  return top.map((row, i) => {
    const value = values[i]
    let share = 0
    if (metric === 'best') share = value > 0 ? leader / value : 0
    else share = leader > 0 ? value / leader : 0
    return {
      id: row.runner.id,
      name: runnerName(row.runner),
      detail: row.runner.group?.name ?? '',
      value: metric === 'best' ? formatDuration(value) : String(value),
      share,
    }
  })
}

/** Groups by points (the server sorts them), best first. */
export function groupRows(
  groups: (GroupRef & { points: number })[] | null | undefined,
  limit = 5,
): RankRow[] {
  const top = [...(groups ?? [])]
    .sort((a, b) => b.points - a.points || a.name.localeCompare(b.name))
    .slice(0, limit)
  const leader = top[0]?.points ?? 0
  return top.map((g) => ({
    id: g.id,
    name: g.name,
    detail: '',
    value: String(g.points),
    share: leader > 0 ? g.points / leader : 0,
  }))
}

export interface XY {
  x: number // ms since the epoch: the end of the lap
  y: number // seconds: the lap's duration
}

/** Chart points, oldest first; points without a valid time or duration are left out. */
export function lapChartPoints(points: ChartPoint[] | null | undefined): XY[] {
  return (points ?? [])
    .map((p) => ({ x: Date.parse(p.end), y: p.duration }))
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && p.y >= 0)
    .sort((a, b) => a.x - b.x)
}

const MINUTE = 60_000
const TIME_STEPS = [5, 10, 15, 30, 60, 120, 180, 360].map((m) => m * MINUTE)
const DURATION_STEPS = [10, 15, 30, 60, 120, 300, 600, 1800, 3600]

/** The smallest step from `steps` that keeps a range within `maxTicks` ticks. */
export function chooseStep(range: number, steps: number[], maxTicks: number): number {
  for (const step of steps) if (range / step <= maxTicks) return step
  return steps[steps.length - 1]
}

/** A round step for the time-of-day axis: on whole minutes or hours, so ticks read 13:00, 14:00. */
export function timeStep(xs: number[], maxTicks = 7): number {
  if (xs.length < 2) return 60 * MINUTE
  return chooseStep(Math.max(...xs) - Math.min(...xs), TIME_STEPS, maxTicks)
}

/** A round step for the duration axis (0:30, 1:00, 2:00, …). */
export function durationStep(ys: number[], maxTicks = 6): number {
  if (ys.length < 2) return 60
  return chooseStep(Math.max(...ys) - Math.min(...ys), DURATION_STEPS, maxTicks)
}

/** The nearest-rank quantile `q` (0..1) of values sorted ascending; NaN without values. */
export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN
  const rank = Math.ceil(q * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}

// A lap is an outlier when it is longer than both of these: a lost runner or a forgotten press,
// not a slow runner (those stay on the chart, however many there are).
const OUTLIER_TIMES_MEDIAN = 2
const OUTLIER_TIMES_P90 = 1.5
const HEADROOM = 1.1

/**
 * The lap-time axis that one long lap cannot wreck. Without outliers `top` is null (the chart fits
 * every lap); with them it is a round value a little above the longest other lap, and the laps
 * longer than `top` are drawn on the axis's top edge (`offScale`).
 */
export function lapTimeScale(ys: number[]): { top: number | null; step: number } {
  const sorted = ys.filter((y) => Number.isFinite(y)).sort((a, b) => a - b)
  const fence = Math.max(
    OUTLIER_TIMES_MEDIAN * quantile(sorted, 0.5),
    OUTLIER_TIMES_P90 * quantile(sorted, 0.9),
  )
  const ordinary = sorted.filter((y) => y <= fence)
  if (!sorted.length || ordinary.length === sorted.length) return { top: null, step: durationStep(sorted) }
  const longest = ordinary[ordinary.length - 1]
  const step = durationStep([...ordinary, longest * HEADROOM])
  const top = Math.ceil((longest * HEADROOM) / step - 1e-9) * step // 200 × 1.1 is 220.00000000000003
  return { top, step }
}

/** A chart point with the lap's real time; an off-scale lap is drawn at the top of the axis. */
export interface LapPoint extends XY {
  duration: number // seconds: the lap's real duration (the tooltip and the label say this)
  offScale: boolean
}

/** The points as drawn on an axis that ends at `top` (null: every lap as it is). */
export function placeOnScale(points: XY[], top: number | null): LapPoint[] {
  return points.map((p) => {
    const offScale = top !== null && p.y > top
    return { x: p.x, y: offScale ? (top as number) : p.y, duration: p.y, offScale }
  })
}

/** "13:05": the time of day in the event's time zone (24-hour clock, whatever the locale). */
export function timeOfDay(ms: number, timeZone?: string, locale = 'en-GB'): string {
  return formatClock(ms, timeZone, locale)
}

/** Laps that ended in the last `windowMs`; capped when the chart's window may hide older ones. */
export function lapsInWindow(
  points: ChartPoint[] | null | undefined,
  now: number,
  windowMs = 60 * MINUTE,
  chartSize = 100,
): { count: number; capped: boolean } {
  const list = points ?? []
  const count = list.filter((p) => {
    const end = Date.parse(p.end)
    return end > now - windowMs && end <= now
  }).length
  return { count, capped: count > 0 && count === list.length && list.length >= chartSize }
}

/** How far the race is from its start to its end: 0..1, null when either is unknown. */
export function raceProgress(start: string | null | undefined, end: string | null | undefined, now: number) {
  const from = start ? Date.parse(start) : NaN
  const to = end ? Date.parse(end) : NaN
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) return null
  return Math.min(1, Math.max(0, (now - from) / (to - from)))
}

/** The round values from min to max: multiples of `step` (Chart.js spreads them evenly instead). */
export function stepTicks(min: number, max: number, step: number): number[] {
  if (!(step > 0) || !Number.isFinite(min) || !Number.isFinite(max)) return []
  const ticks: number[] = []
  for (let value = Math.ceil(min / step) * step; value <= max; value += step) ticks.push(value)
  return ticks
}
