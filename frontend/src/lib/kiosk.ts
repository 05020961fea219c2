// The queue-up kiosk as a small state machine: what a scan, an answer from the server or the
// clock does to it. Pure, so every path (and the way back to scanning) is tested without a browser.
import type { Reward, RunnerPublic, ShiftCheckIn } from '@/api/types'

/** How long a result stays on screen before the kiosk scans again. */
export const RESULT_MS = 6_000
/** A result that lists check-ins or rewards due stays longer: there is more to read. */
export const LONG_RESULT_MS = 12_000
/** A scan whose answer did not come (no connection, a server restarting) is sent again after these waits. */
export const RETRY_DELAYS_MS = [500, 1_500, 3_000]
/** How long a half-filled registration form may sit untouched. */
export const FORM_IDLE_MS = 60_000
/** The longest first or last name the server takes (Runner.first_name/last_name, competition/models/). */
export const NAME_MAX_LENGTH = 100

export type MessageKind = 'success' | 'warning' | 'error'

/** What the kiosk says: an i18n key with its parameters, so the words live in src/i18n/kiosk.ts. */
export interface KioskMessage {
  kind: MessageKind
  key: string
  params: Record<string, string | number>
}

/** The parts of an ApiError the kiosk reads (status 0: the server never answered). */
export interface ErrorLike {
  status: number
  code: string
  detail: string
  body: Record<string, unknown>
}

export type KioskPhase = 'idle' | 'queued' | 'register' | 'notice'

export interface KioskState {
  phase: KioskPhase
  busy: boolean // a request is on its way: no timeout, no second submit
  identification: string // the card being handled
  message: KioskMessage | null
  runner: RunnerPublic | null
  position: number | null // 0-based place in the queue
  fieldErrors: Record<string, string[]>
  since: number // ms: when the phase began, or the last activity in the form
  checkIns: ShiftCheckIn[] // the scan's answer: shifts the runner is checked in for now
  rewardsDue: Reward[] // and their rewards still to collect
}

/** What a scan's answer (the ticket, or the already_queued refusal) says besides the queue. */
export interface ScanExtras {
  checkIns: ShiftCheckIn[]
  rewardsDue: Reward[]
}

/** What the registration form holds. */
export interface Registration {
  first_name: string
  last_name: string
  university: number | null
  group: number | null
  first_year: boolean
}

export type KioskEvent =
  | { type: 'scan'; identification: string; at: number }
  | { type: 'submit'; at: number } // the registration form was sent
  | ({ type: 'queued'; runner: RunnerPublic; position: number; at: number } & Partial<ScanExtras>)
  | { type: 'failed'; error: ErrorLike; at: number }
  | { type: 'activity'; at: number }
  | { type: 'edit'; fields: string[]; at: number } // these fields of the form changed
  | { type: 'tick'; at: number }
  | { type: 'reset'; at: number }

export function initialState(at = 0): KioskState {
  return {
    phase: 'idle',
    busy: false,
    identification: '',
    message: null,
    runner: null,
    position: null,
    fieldErrors: {},
    since: at,
    checkIns: [],
    rewardsDue: [],
  }
}

/** The check-ins and rewards due of an answer (a 201 ticket or a 409 body); none when absent. */
export function extrasOf(
  body: { check_ins?: unknown; rewards_due?: unknown } | null | undefined,
): ScanExtras {
  return {
    checkIns: Array.isArray(body?.check_ins) ? (body.check_ins as ShiftCheckIn[]) : [],
    rewardsDue: Array.isArray(body?.rewards_due) ? (body.rewards_due as Reward[]) : [],
  }
}

export function emptyRegistration(): Registration {
  return { first_name: '', last_name: '', university: null, group: null, first_year: false }
}

/**
 * A student ID as the server stores and compares it: no whitespace anywhere, lowercase
 * ("R 0999002" -> "r0999002"), the same rule as normalise_identification on the server.
 */
export function normaliseIdentification(raw: string): string {
  // Some scanners also wrap the code in control characters (STX/ETX, CR, tab).
  return raw.replace(/[\s\u0000-\u001f\u007f]/g, '').toLowerCase()
}

/** The fields of the form whose value differs between two versions of it. */
export function changedFields(before: Registration, after: Registration): (keyof Registration)[] {
  return (Object.keys(after) as (keyof Registration)[]).filter((field) => before[field] !== after[field])
}

/** Field errors from a 400: DRF's `errors` per field, or a domain error naming its `field`. */
export function fieldErrorsOf(error: ErrorLike): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  const errors = error.body.errors
  if (errors && typeof errors === 'object' && !Array.isArray(errors)) {
    for (const [field, value] of Object.entries(errors as Record<string, unknown>)) {
      result[field] = (Array.isArray(value) ? value : [value]).map(String)
    }
  }
  if (typeof error.body.field === 'string') result[error.body.field] = [error.detail]
  return result
}

const msg = (kind: MessageKind, key: string, params: Record<string, string | number> = {}): KioskMessage => ({
  kind,
  key: `kiosk.msg.${key}`,
  params,
})

/** A friendly line for any failed request. */
export function messageFor(error: ErrorLike, identification = ''): KioskMessage {
  if (error.status === 0) return msg('error', 'offline')
  if (error.status >= 500) return msg('error', 'server')
  if (error.status === 401 || error.status === 403) return msg('error', 'forbidden')
  switch (error.code) {
    case 'unknown_runner':
      return msg('warning', 'unknown', { id: identification })
    case 'invalid_identification':
      // The server's words name the university and an example ID; never a pattern.
      return msg('error', 'invalid', { detail: error.detail })
    case 'already_queued': {
      const position = Number(error.body.position)
      return Number.isFinite(position)
        ? msg('warning', 'alreadyQueued', { n: position + 1 })
        : msg('warning', 'alreadyQueuedSomewhere')
    }
  }
  return msg('error', error.status === 400 ? 'rejected' : 'failed', { detail: error.detail })
}

function failed(state: KioskState, error: ErrorLike, at: number): KioskState {
  const base = { ...state, busy: false, since: at }
  if (error.code === 'unknown_runner' && state.phase !== 'register') {
    return { ...base, phase: 'register', message: messageFor(error, state.identification), fieldErrors: {} }
  }
  const fieldErrors = error.status === 400 ? fieldErrorsOf(error) : {}
  if (state.phase === 'register' && Object.keys(fieldErrors).length) {
    return { ...base, message: msg('error', 'checkFields'), fieldErrors }
  }
  // Already waiting: the scan still checked the runner in, and their rewards are still due.
  const extras = error.code === 'already_queued' ? extrasOf(error.body) : { checkIns: [], rewardsDue: [] }
  return {
    ...base,
    ...extras,
    phase: 'notice',
    message: messageFor(error, state.identification),
    fieldErrors: {},
  }
}

// A field's server error is about the value that was sent: it goes as soon as that value changes.
// The card is checked against the chosen university, so a new university clears its error too.
const CLEARS: Record<string, string[]> = { university: ['university', 'identification'] }

function edited(state: KioskState, fields: string[], at: number): KioskState {
  if (state.phase !== 'register') return state
  const gone = new Set(fields.flatMap((field) => CLEARS[field] ?? [field]))
  const fieldErrors = Object.fromEntries(
    Object.entries(state.fieldErrors).filter(([field]) => !gone.has(field)),
  )
  const fixed = Object.keys(fieldErrors).length === 0 && state.message?.key === 'kiosk.msg.checkFields'
  // Once nothing is marked red, "check the fields marked in red" would puzzle: say what it said before.
  const message = fixed ? msg('warning', 'unknown', { id: state.identification }) : state.message
  return { ...state, fieldErrors, message, since: at }
}

/** When the kiosk goes back to scanning by itself, or null while it waits for someone. */
export function deadline(state: KioskState): number | null {
  if (state.busy) return null
  if (state.phase === 'queued' || state.phase === 'notice') {
    const more = (state.checkIns?.length ?? 0) + (state.rewardsDue?.length ?? 0) > 0
    return state.since + (more ? LONG_RESULT_MS : RESULT_MS)
  }
  if (state.phase === 'register') return state.since + FORM_IDLE_MS
  return null
}

export function next(state: KioskState, event: KioskEvent): KioskState {
  switch (event.type) {
    case 'scan':
      if (state.busy) return state
      return { ...initialState(event.at), busy: true, identification: event.identification }
    case 'submit':
      return state.phase === 'register' && !state.busy ? { ...state, busy: true, fieldErrors: {} } : state
    case 'queued':
      return {
        ...state,
        phase: 'queued',
        busy: false,
        runner: event.runner,
        position: event.position,
        fieldErrors: {},
        since: event.at,
        checkIns: event.checkIns ?? [],
        rewardsDue: event.rewardsDue ?? [],
        message: msg('success', 'queued', { name: event.runner.first_name, n: event.position + 1 }),
      }
    case 'failed':
      return failed(state, event.error, event.at)
    case 'activity':
      return state.phase === 'register' ? { ...state, since: event.at } : state
    case 'edit':
      return edited(state, event.fields, event.at)
    case 'tick': {
      const due = deadline(state)
      return due !== null && event.at >= due ? initialState(event.at) : state
    }
    case 'reset':
      return initialState(event.at)
  }
}

/**
 * What a reloaded page comes back to from a saved state: the same form (a submit that was on its
 * way when the page went is sent again by the volunteer), the same result until its time is up,
 * else scanning. A scan that was on its way is lost: the student scans again.
 */
export function restore(saved: KioskState, at: number): KioskState {
  if (saved.phase === 'idle') return initialState(at)
  // Saved by a version without check-ins: none.
  const state = { ...saved, busy: false, checkIns: saved.checkIns ?? [], rewardsDue: saved.rewardsDue ?? [] }
  const due = deadline(state)
  return due !== null && at < due ? state : initialState(at)
}
