// The shift board's pure logic: a shift's window in words, and who is missing, by group.
import type { BoardShift, RunnerPublic } from '@/api/types'

import { formatClock, runnerName } from './format'

const weekdays = new Map<string, Intl.DateTimeFormat>()

function weekday(moment: number, timeZone?: string, locale?: string): string {
  const key = `${locale ?? ''}|${timeZone ?? ''}`
  let format = weekdays.get(key)
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone })
    } catch {
      format = new Intl.DateTimeFormat(locale, { weekday: 'long' }) // an unknown zone: the device's
    }
    weekdays.set(key, format)
  }
  return format.format(moment)
}

/**
 * "Saturday 02:00–04:00" in the event's time zone; the end's day too when it is another one
 * ("Saturday 23:00–Sunday 01:00").
 */
export function formatShiftWindow(start: string, end: string, timeZone?: string, locale?: string): string {
  const from = Date.parse(start)
  const to = Date.parse(end)
  if (!Number.isFinite(from) || !Number.isFinite(to)) return '–'
  const day = weekday(from, timeZone, locale)
  const endDay = weekday(to, timeZone, locale)
  const head = `${day} ${formatClock(from, timeZone, locale)}`
  const tail = formatClock(to, timeZone, locale)
  return endDay === day ? `${head}–${tail}` : `${head}–${endDay} ${tail}`
}

export interface MissingGroup {
  key: string // the group's id, or '' for runners without a group
  name: string | null // null: no group
  runners: RunnerPublic[]
}

const byName = (a: RunnerPublic, b: RunnerPublic) =>
  runnerName(a).localeCompare(runnerName(b), undefined, { sensitivity: 'base' })

/** The missing runners by group (so a group can be called), groups by name, no group last. */
export function missingByGroup(missing: BoardShift['missing']): MissingGroup[] {
  const groups = new Map<string, MissingGroup>()
  for (const { runner } of missing) {
    const key = runner.group ? String(runner.group.id) : ''
    let entry = groups.get(key)
    if (!entry) {
      entry = { key, name: runner.group?.name ?? null, runners: [] }
      groups.set(key, entry)
    }
    entry.runners.push(runner)
  }
  const list = [...groups.values()]
  list.forEach((g) => g.runners.sort(byName))
  return list.sort((a, b) => {
    if (a.name === null || b.name === null) return a.name === null ? (b.name === null ? 0 : 1) : -1
    return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })
  })
}

/** The check-ins, latest first. */
export function checkedInLatestFirst(shift: BoardShift): BoardShift['checked_in'] {
  return [...shift.checked_in].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
}

/** The current shifts first, then the next ones, each by start. */
export function orderShifts(shifts: BoardShift[]): BoardShift[] {
  const rank = (s: BoardShift) => (s.when === 'current' ? 0 : 1)
  return [...shifts].sort((a, b) => rank(a) - rank(b) || Date.parse(a.start) - Date.parse(b.start))
}
