// The results page's pure logic: every board as a table of text cells, in the order printed.
import type { Place, Results } from '@/api/results'

import { formatDuration, runnerName } from './format'

export type Metric = 'best' | 'laps' | 'points'

/** A column: its i18n key (under results.columns) and whether it holds numbers (right-aligned). */
export interface Column {
  label: string
  numeric: boolean
}

export interface Table {
  key: string
  title: string // i18n key under results.boards
  icon: string
  columns: Column[]
  rows: { key: number; cells: string[] }[]
}

// The boards of the leaderboards, in the order of the Statistics page and the files.
export const BOARDS: { key: keyof Results['boards']; title: string; icon: string; metric: Metric }[] = [
  { key: 'fastest_lap', title: 'fastestLap', icon: 'mdi-lightning-bolt', metric: 'best' },
  { key: 'most_laps', title: 'mostLaps', icon: 'mdi-repeat', metric: 'laps' },
  { key: 'most_points', title: 'mostPoints', icon: 'mdi-star-circle', metric: 'points' },
  { key: 'first_year', title: 'firstYear', icon: 'mdi-run', metric: 'points' },
  { key: 'night_rain', title: 'nightRain', icon: 'mdi-weather-pouring', metric: 'points' },
]

/** Places per board the page offers; null is every runner. */
export const TOP_CHOICES: (number | null)[] = [3, 10, 25, 100, null]

const column = (label: string, numeric = false): Column => ({ label, numeric })

function value(place: Place, metric: Metric, numbers: Intl.NumberFormat): string {
  const raw = place[metric]
  if (raw === undefined || raw === null) return '–'
  // Tenths on the fastest lap: two places a few tenths apart must not read as a tie.
  return metric === 'best' ? formatDuration(raw, true) : numbers.format(raw)
}

/** Every board, then the groups, as tables of text (numbers written for `locale`). */
export function resultTables(results: Results, locale = 'en'): Table[] {
  const numbers = new Intl.NumberFormat(locale)
  const boards: Table[] = BOARDS.map(({ key, title, icon, metric }) => ({
    key,
    title,
    icon,
    columns: [column('rank', true), column('runner'), column('group'), column(metric, true)],
    rows: results.boards[key].map((place) => ({
      key: place.runner.id,
      cells: [
        String(place.rank),
        runnerName(place.runner),
        place.runner.group?.name ?? '',
        value(place, metric, numbers),
      ],
    })),
  }))
  const groups: Table = {
    key: 'groups',
    title: 'groups',
    icon: 'mdi-account-group',
    columns: [
      column('rank', true),
      column('group'),
      column('points', true),
      column('laps', true),
      column('runners', true),
    ],
    rows: results.groups.map((g) => ({
      key: g.id,
      cells: [
        String(g.rank),
        g.name,
        numbers.format(g.points),
        numbers.format(g.laps),
        numbers.format(g.runners),
      ],
    })),
  }
  return [...boards, groups]
}

/** "29 Nov 2026, 14:00" in the event's time zone (the device's if the name is unknown). */
export function formatMoment(iso: string | null | undefined, timeZone?: string, locale = 'en'): string {
  if (!iso) return '–'
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(Date.parse(iso))
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(Date.parse(iso))
  }
}
