// The shapes of the HTTP API (SPEC section 10); field names are the API's own.

export interface GroupRef {
  id: number
  name: string
}

export interface RunnerPublic {
  id: number
  first_name: string
  last_name: string
  university: number
  group: GroupRef | null
  first_year: boolean
}

export interface Runner {
  id: number
  first_name: string
  last_name: string
  identification: string
  university: number
  group: number | null
  group_detail: GroupRef | null
  test_time: number | null
  first_year: boolean
  shifts: number[]
  points: number
  registered_at: string
}

export interface Lap {
  id: number
  runner: RunnerPublic | null
  ticket: number | null
  start: string
  end: string | null
  duration: number | null
  points: number | null
  raining: boolean
  /**
   * Recorded anyway, or shorter than the plausible lap time, and not confirmed by staff: no fastest
   * lap. The server always sends it (optional here for hand-made laps in tests and outboxes).
   */
  suspect?: boolean
}

export interface Ticket {
  id: number
  runner: RunnerPublic
  position: number
  created_at: string
}

export interface EventSettings {
  title: string
  time_zone: string
  race_start: string | null
  race_end: string | null
  raining: boolean
  banner: string
  leaderboard_frozen: boolean
  leaderboard_frozen_at: string | null
  min_lap_time: number
  /** Seconds: a shorter lap stays off "fastest lap" until staff confirm it. */
  plausible_lap_time: number
  press_time_window: number
  leaderboard_size: number
  night_start_hour: number
  night_end_hour: number
  reload_token: number
}

export interface BoardRow {
  runner: RunnerPublic
  best?: number
  laps?: number
  points?: number
}

export interface Leaderboards {
  fastest_lap: BoardRow[]
  most_laps: BoardRow[]
  most_points: BoardRow[]
  first_year: BoardRow[]
  night_rain: BoardRow[]
  groups: (GroupRef & { points: number })[]
}

export interface ChartPoint {
  lap: number
  end: string
  duration: number
}

export interface Stats {
  seq: number
  server_time: string
  settings: EventSettings
  current: Lap | null
  queue: Ticket[]
  queue_length: number
  last_laps: Lap[]
  total_laps: number
  average_lap: number | null
  leaderboards: Leaderboards
  chart: ChartPoint[]
}

export interface QueueSnapshot {
  seq: number
  count: number
  results: Ticket[]
}

export interface CurrentSnapshot {
  lap: Lap | null
  seq: number
  server_time: string
}

export interface Me {
  user: {
    id: number
    username: string
    first_name: string
    last_name: string
    is_staff: boolean
    /** Staff only: where the Django admin lives (ADMIN_PATH). */
    admin_url?: string
  } | null
  roles: string[]
  permissions: string[]
}

export interface RunnerSummary {
  runner: RunnerPublic
  lap_count: number
  points: number
  best_lap: number | null
  last_lap: Lap | null
  group: GroupRef | null
  position: number | null
  estimated_start: string | null
  running: boolean
  test_time?: number | null
  identification?: string
}

export interface AdvanceResult {
  finished: Lap | null
  started: Lap | null
  seq: number
}

export interface ReverseResult {
  removed: Lap | null
  resumed: Lap | null
  seq: number
}

export interface University {
  id: number
  name: string
  abbreviation: string
  student_id_pattern: string
}

export interface Group {
  id: number
  name: string
  happy_hours: number[]
  points: number
}

export interface Shift {
  id: number
  name: string
  start: string
  end: string
}

export interface Page<T> {
  count: number
  next: string | null
  previous: string | null
  results: T[]
}

/** A live event as the server sends it: its type and seq, plus the type's payload. */
export interface RaceEvent {
  type: string
  seq: number
  lap?: Lap
  ticket?: Ticket | { id: number; runner: number }
  from?: number
  settings?: EventSettings
  changed?: string[]
  runner?: RunnerPublic
  personal_best?: boolean
  [key: string]: unknown
}
