// The results page's answer (GET /api/results/) and the addresses of its CSV and XLSX files.
import { get } from './http'
import type { components } from './schema'
import type { RunnerPublic } from './types'

type Schemas = components['schemas']

export type Results = Schemas['Results']
export type GroupPlace = Schemas['GroupPlace']
/** A runner's place on any board, with the board's one number; `rank` is shared by equal numbers. */
export type Place = { rank: number; runner: RunnerPublic } & Partial<
  Omit<Schemas['BestLapPlace'] & Schemas['LapCountPlace'] & Schemas['PointsPlace'], 'rank' | 'runner'>
>

function query(top: number | null, format?: 'csv' | 'xlsx'): string {
  const params = new URLSearchParams()
  if (format) params.set('format', format)
  if (top) params.set('top', String(top))
  const text = params.toString()
  return text ? `?${text}` : ''
}

export const resultsApi = {
  /** The first `top` places of every board (null: every runner), every group and the totals. */
  results: (top: number | null) => get<Results>(`/api/results/${query(top)}`),
  /** Where the browser downloads the same standings as a file (not fetched here: a link). */
  fileUrl: (format: 'csv' | 'xlsx', top: number | null) => `/api/results/${query(top, format)}`,
}
