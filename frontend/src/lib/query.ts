// The query page's pure helpers: wall-clock times in the event's time zone (a datetime-local
// input has no zone), shift labels, and a runner's laps summed up.
import type { Lap, Shift } from '@/api/types'

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number }

function partsIn(ms: number, timeZone?: string): Parts {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
  const get = (type: string) => Number(format.formatToParts(new Date(ms)).find((p) => p.type === type)?.value)
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  }
}

/** How far the zone's wall clock is ahead of UTC at instant `ms`. */
function zoneOffset(ms: number, timeZone?: string): number {
  const p = partsIn(ms, timeZone)
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000
}

function validZone(timeZone?: string): string | undefined {
  if (!timeZone) return undefined
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return timeZone
  } catch {
    return undefined
  }
}

/** "2026-05-01T20:00" on the clocks of `timeZone` → an ISO instant; null when it is no date. */
export function wallTimeToIso(value: string | null | undefined, timeZone?: string): string | null {
  const match = value?.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/)
  if (!match) return null
  const [year, month, day, hour, minute, second] = match.slice(1).map((x) => Number(x ?? 0))
  const zone = validZone(timeZone)
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second)
  if (Number.isNaN(asUtc)) return null
  // Two rounds settle the offset also next to a daylight-saving switch.
  let ms = asUtc - zoneOffset(asUtc, zone)
  ms = asUtc - zoneOffset(ms, zone)
  return new Date(ms).toISOString()
}

/** An instant as "2026-05-01T20:00" on the clocks of `timeZone`: the value of a datetime-local input. */
export function isoToWallTime(ms: number, timeZone?: string): string {
  const p = partsIn(ms, validZone(timeZone))
  const two = (n: number) => String(n).padStart(2, '0')
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`
}

/** "Sat 22:00 – 02:00" (or with both days when the shift spans more than a day). */
export function shiftWindow(shift: Pick<Shift, 'start' | 'end'>, timeZone?: string, locale?: string): string {
  const zone = validZone(timeZone)
  const day = (iso: string) => new Date(iso).toLocaleDateString(locale, { weekday: 'short', timeZone: zone })
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString(locale, {
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      timeZone: zone,
    })
  const long = Date.parse(shift.end) - Date.parse(shift.start) >= 24 * 3600 * 1000
  return `${day(shift.start)} ${time(shift.start)} – ${long ? `${day(shift.end)} ` : ''}${time(shift.end)}`
}

/** A date and time for tables: "Sat 14:05". */
export function formatMoment(iso: string | null | undefined, timeZone?: string, locale?: string): string {
  if (!iso) return '–'
  return new Date(iso).toLocaleString(locale, {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: validZone(timeZone),
  })
}

export interface LapSummary {
  count: number // finished laps
  best: number | null
  points: number
  running: boolean
}

export function summariseLaps(laps: Lap[]): LapSummary {
  const finished = laps.filter((l) => l.end !== null && l.duration !== null)
  const best = finished.length ? Math.min(...finished.map((l) => l.duration as number)) : null
  return {
    count: finished.length,
    best,
    points: finished.reduce((sum, l) => sum + (l.points ?? 0), 0),
    running: laps.some((l) => l.end === null),
  }
}
