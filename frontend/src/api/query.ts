// The query page's look-ups that need more rows than the shared defaults give.
import { get } from './http'
import type { Lap, Page, Runner } from './types'

export const queryApi = {
  /** Runners whose name or student ID contains every word of `search`; up to `pageSize` of them. */
  searchRunners: (search: string, pageSize = 200) =>
    get<Page<Runner>>(`/api/runners/?search=${encodeURIComponent(search)}&page_size=${pageSize}`),
  /** A runner's laps, newest first. */
  runnerLaps: (runner: number, pageSize = 500) =>
    get<Page<Lap>>(`/api/laps/?runner=${runner}&page_size=${pageSize}`),
}
