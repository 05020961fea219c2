// Thin typed functions over the HTTP API. Only stores call these.
import { del, get, patch, post, request } from './http'
import type {
  AdvanceResult,
  CurrentSnapshot,
  EventSettings,
  Group,
  Lap,
  Me,
  Page,
  QueueSnapshot,
  ReverseResult,
  Runner,
  RunnerSummary,
  Shift,
  Stats,
  Ticket,
  University,
} from './types'

// A press is idempotent: after a Wi-Fi drop a silent request is given up sooner and sent again
// (the server answers a repeat with the first result).
const PRESS_TIMEOUT_MS = 5000
export const api = {
  me: () => get<Me>('/api/auth/me/'),
  login: (username: string, password: string) => post<Me>('/api/auth/login/', { username, password }),
  logout: () => post<Me>('/api/auth/logout/'),

  stats: () => get<Stats>('/api/stats/'),
  current: () => get<CurrentSnapshot>('/api/laps/current/'),
  laps: (query = '') => get<Page<Lap>>(`/api/laps/${query}`),
  advance: (body: { idempotency_key: string; expected_lap: number | null; at?: string; force?: boolean }) =>
    request<AdvanceResult>('POST', '/api/laps/advance/', body, PRESS_TIMEOUT_MS),
  reverse: (body: { idempotency_key: string; expected_lap: number | null }) =>
    request<ReverseResult>('POST', '/api/laps/reverse/', body, PRESS_TIMEOUT_MS),
  assign: (lap: number, runner: number) =>
    post<{ lap: Lap; seq: number }>(`/api/laps/${lap}/assign/`, { runner }),

  queue: () => get<QueueSnapshot>('/api/queue/'),
  enqueue: (body: {
    runner?: number
    identification?: string
    position?: number
    idempotency_key?: string
  }) => post<Ticket & { seq: number }>('/api/queue/', body),
  move: (ticket: number, position: number) =>
    post<Ticket & { seq: number }>(`/api/queue/${ticket}/move/`, { position }),
  skip: (ticket: number, places = 3) => post<Ticket>(`/api/queue/${ticket}/skip/`, { places }),
  removeTicket: (ticket: number) => del<{ id: number; seq: number }>(`/api/queue/${ticket}/`),

  summary: (runner: number) => get<RunnerSummary>(`/api/runners/${runner}/summary/`),
  searchRunners: (search: string) => get<Page<Runner>>(`/api/runners/?search=${encodeURIComponent(search)}`),
  createRunner: (body: Partial<Runner>) => post<Runner>('/api/runners/', body),

  universities: () => get<Page<University>>('/api/universities/'),
  groups: () => get<Page<Group>>('/api/groups/?page_size=500'),
  shifts: () => get<Page<Shift>>('/api/shifts/?page_size=500'),
  shiftRunners: (shift: number) => get<Runner[]>(`/api/query/shift-runners/?shift=${shift}`),
  withoutUpcomingShift: (after: string) =>
    get<Runner[]>(`/api/query/without-upcoming-shift/?after=${encodeURIComponent(after)}`),

  settings: () => get<EventSettings>('/api/settings/'),
  updateSettings: (body: Partial<EventSettings> & { reload_displays?: boolean }) =>
    patch<EventSettings>('/api/settings/', body),
}
