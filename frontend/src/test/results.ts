// A small results answer for the specs of the results page.
import type { Results } from '@/api/results'
import type { RunnerPublic } from '@/api/types'

export function resultsRunner(id: number, first: string, group: string | null = null): RunnerPublic {
  return {
    id,
    first_name: first,
    last_name: 'Test',
    university: 1,
    group: group ? { id: 1, name: group } : null,
    first_year: false,
  }
}

export function sampleResults(overrides: Partial<Results> = {}): Results {
  return {
    title: '24-hour run',
    time_zone: 'Europe/Brussels',
    race_start: '2026-11-29T14:00:00+01:00',
    race_end: '2026-11-30T14:00:00+01:00',
    published: false,
    frozen_at: null,
    generated_at: '2026-11-30T14:05:00+01:00',
    top: null,
    totals: { laps: 1234, runners: 3, points: 5678, groups: 1 },
    boards: {
      fastest_lap: [
        { rank: 1, runner: resultsRunner(1, 'Ann', 'Red'), best: 83.4 },
        { rank: 2, runner: resultsRunner(2, 'Bob'), best: 90 },
      ],
      most_laps: [
        { rank: 1, runner: resultsRunner(1, 'Ann', 'Red'), laps: 1200 },
        { rank: 1, runner: resultsRunner(2, 'Bob'), laps: 1200 },
      ],
      most_points: [{ rank: 1, runner: resultsRunner(1, 'Ann', 'Red'), points: 5678 }],
      first_year: [],
      night_rain: [],
    },
    groups: [{ id: 1, name: 'Red', rank: 1, points: 5678, laps: 1200, runners: 1 }],
    ...overrides,
  }
}
