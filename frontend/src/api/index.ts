// Thin typed functions over the HTTP API. Only stores call these.
import { del, get, patch, post, request } from './http'
import type {
  AdvanceInput,
  AdvanceResult,
  CurrentSnapshot,
  EnqueueInput,
  EventSettings,
  Group,
  LapChange,
  LapDetail,
  Me,
  Page,
  QueueSnapshot,
  ReverseInput,
  ReverseResult,
  Runner,
  RunnerInput,
  RunnerSummary,
  ScanAnswer,
  SettingsInput,
  Shift,
  Stats,
  TicketChange,
  TicketRemoved,
  University,
} from './types'

/** The app always sends its idempotency key in the body (the API also takes it as a header). */
type Keyed<T extends { idempotency_key?: string }> = T & { idempotency_key: string }

// A press is idempotent: after a Wi-Fi drop a silent request is given up sooner and sent again
// (the server answers a repeat with the first result).
const PRESS_TIMEOUT_MS = 5000
export const api = {
  me: () => get<Me>('/api/auth/me/'),
  login: (username: string, password: string) => post<Me>('/api/auth/login/', { username, password }),
  logout: () => post<Me>('/api/auth/logout/'),

  stats: () => get<Stats>('/api/stats/'),
  current: () => get<CurrentSnapshot>('/api/laps/current/'),
  laps: (query = '') => get<Page<LapDetail>>(`/api/laps/${query}`),
  advance: (body: Keyed<AdvanceInput>) =>
    request<AdvanceResult>('POST', '/api/laps/advance/', body, PRESS_TIMEOUT_MS),
  reverse: (body: Keyed<ReverseInput>) =>
    request<ReverseResult>('POST', '/api/laps/reverse/', body, PRESS_TIMEOUT_MS),
  assign: (lap: number, runner: number) => post<LapChange>(`/api/laps/${lap}/assign/`, { runner }),

  queue: () => get<QueueSnapshot>('/api/queue/'),
  enqueue: (body: EnqueueInput) => post<ScanAnswer>('/api/queue/', body),
  move: (ticket: number, position: number) => post<TicketChange>(`/api/queue/${ticket}/move/`, { position }),
  skip: (ticket: number, places = 3) => post<TicketChange>(`/api/queue/${ticket}/skip/`, { places }),
  removeTicket: (ticket: number) => del<TicketRemoved>(`/api/queue/${ticket}/`),

  summary: (runner: number) => get<RunnerSummary>(`/api/runners/${runner}/summary/`),
  searchRunners: (search: string) => get<Page<Runner>>(`/api/runners/?search=${encodeURIComponent(search)}`),
  createRunner: (body: RunnerInput) => post<Runner>('/api/runners/', body),

  universities: () => get<Page<University>>('/api/universities/'),
  groups: () => get<Page<Group>>('/api/groups/?page_size=500'),
  shifts: () => get<Page<Shift>>('/api/shifts/?page_size=500'),
  shiftRunners: (shift: number) => get<Runner[]>(`/api/query/shift-runners/?shift=${shift}`),
  withoutUpcomingShift: (after: string) =>
    get<Runner[]>(`/api/query/without-upcoming-shift/?after=${encodeURIComponent(after)}`),

  settings: () => get<EventSettings>('/api/settings/'),
  updateSettings: (body: SettingsInput) => patch<EventSettings>('/api/settings/', body),
}
