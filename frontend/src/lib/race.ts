// The live race state and how an event changes it: pure, so it can be tested without a browser.
import type { EventType } from '@/api/eventTypes'
import type { EventSettings, Lap, RaceEvent, Stats, Ticket } from '@/api/types'

import { insertAt, removeTicket } from './queue'

export const RECENT_LAPS = 100

export interface RaceState {
  seq: number
  current: Lap | null
  queue: Ticket[]
  recent: Lap[] // finished laps, newest first
  settings: EventSettings | null
}

export type Verdict = 'apply' | 'duplicate' | 'gap'

/** Events must come one after the other: older ones were seen, a jump means some were missed. */
export function judge(seq: number, event: RaceEvent): Verdict {
  if (event.seq <= seq) return 'duplicate'
  if (event.seq > seq + 1) return 'gap'
  return 'apply'
}

export function upsertRecent(recent: Lap[], lap: Lap): Lap[] {
  const rest = recent.filter((l) => l.id !== lap.id)
  const merged = [lap, ...rest].sort((a, b) => Date.parse(b.end ?? '') - Date.parse(a.end ?? ''))
  return merged.slice(0, RECENT_LAPS)
}

/** The state after one event (the caller has checked it is the next one). */
export function applyEvent(state: RaceState, event: RaceEvent): RaceState {
  const next: RaceState = { ...state, seq: event.seq }
  switch (event.type) {
    case 'lap_started':
    case 'lap_resumed': {
      const lap = event.lap
      next.current = lap
      next.recent = state.recent.filter((l) => l.id !== lap.id)
      if (lap.ticket) next.queue = removeTicket(state.queue, lap.ticket)
      break
    }
    case 'lap_finished':
      if (state.current?.id === event.lap.id) next.current = null
      next.recent = upsertRecent(state.recent, event.lap)
      break
    case 'lap_removed':
      if (state.current?.id === event.lap.id) next.current = null
      break
    case 'lap_assigned':
    case 'lap_confirmed': {
      const lap = event.lap
      if (state.current?.id === lap.id) next.current = lap
      else if (state.recent.some((l) => l.id === lap.id)) next.recent = upsertRecent(state.recent, lap)
      break
    }
    case 'queue_inserted':
    case 'queue_moved':
      next.queue = insertAt(state.queue, event.ticket, event.ticket.position)
      break
    case 'queue_removed':
      next.queue = removeTicket(state.queue, event.ticket.id)
      break
    case 'queue_reset':
      next.queue = []
      break
    case 'settings_changed':
      next.settings = event.settings
      break
  }
  return next
}

/** Events after which the leaderboards and totals should be read again from the server. */
export const REFRESHES_BOARDS = new Set<EventType>([
  'lap_finished',
  'lap_removed',
  'lap_resumed',
  'lap_assigned',
  'lap_confirmed', // a confirmed lap may be a fastest lap now
  'settings_changed', // the freeze and the plausible lap time change the boards
  'points_changed',
  'runner_changed',
  'data_changed',
])

/** A command's answer: the lap now running, the lap it finished or the one it reopened (undo). */
export interface Answer {
  seq: number
  current: Lap | null
  finished?: Lap | null
  resumed?: Lap | null
}

/** What the page shows: the state, or a newer answer of its own command laid over it. */
export function aheadOf(state: RaceState, answer: Answer | null): Pick<RaceState, 'current' | 'recent'> {
  if (!answer || answer.seq <= state.seq) return state
  let recent = state.recent
  if (answer.finished) recent = upsertRecent(recent, answer.finished)
  if (answer.resumed) recent = recent.filter((lap) => lap.id !== answer.resumed?.id)
  return { current: answer.current, recent }
}

export function stateFromStats(stats: Stats, recent: Lap[] = stats.last_laps): RaceState {
  return { seq: stats.seq, current: stats.current, queue: stats.queue, recent, settings: stats.settings }
}
