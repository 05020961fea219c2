// The page's last live data, kept in the browser so that a page reloaded while the Wi-Fi is down
// (the service worker serves the app, the API cannot answer) shows what it last knew, with its
// age, instead of "No lap is running" and an empty queue. Public data only (what /api/stats/ and
// /api/queue/ give everybody); the stream resumes from its seq once the server answers again.
import type { ChartPoint, Leaderboards } from '@/api/types'

import type { RaceState } from './race'

export const SNAPSHOT_KEY = 'it24u.race'
const VERSION = 1

export interface Snapshot {
  at: number // when this data was last heard from the server (ms since the epoch)
  state: RaceState
  boards: Leaderboards | null
  chart: ChartPoint[]
  totalLaps: number
  averageLap: number | null
}

export function saveSnapshot(snapshot: Snapshot, storage: Storage = localStorage): void {
  try {
    storage.setItem(SNAPSHOT_KEY, JSON.stringify({ v: VERSION, ...snapshot }))
  } catch {
    // storage full or disabled: only an offline reload loses the last data
  }
}

export function loadSnapshot(storage: Storage = localStorage): Snapshot | null {
  try {
    const saved = JSON.parse(storage.getItem(SNAPSHOT_KEY) ?? 'null')
    // Another version of the app wrote it (its shape may differ): the server will answer soon enough.
    if (
      !saved ||
      saved.v !== VERSION ||
      typeof saved.at !== 'number' ||
      typeof saved.state?.seq !== 'number'
    ) {
      return null
    }
    delete saved.v
    return saved as Snapshot
  } catch {
    return null
  }
}
