// Formatting of durations and times, shared by every page.

/** 83.4 → "1:23"; 3725 → "1:02:05"; null → "–". Tenths when asked (a live timer near the end). */
export function formatDuration(seconds: number | null | undefined, tenths = false): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–'
  const negative = seconds < 0
  let rest = Math.abs(seconds)
  const hours = Math.floor(rest / 3600)
  rest -= hours * 3600
  const minutes = Math.floor(rest / 60)
  rest -= minutes * 60
  const whole = Math.floor(rest)
  const ss = String(whole).padStart(2, '0')
  const tail = tenths ? `.${Math.floor((rest - whole) * 10)}` : ''
  const body = hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`
  return `${negative ? '-' : ''}${body}${tail}`
}

/** Seconds between an ISO time and "now" on the server's clock. */
export function elapsedSince(iso: string | null | undefined, serverNow: number): number | null {
  if (!iso) return null
  return Math.max(0, (serverNow - Date.parse(iso)) / 1000)
}

const clockFormats = new Map<string, Intl.DateTimeFormat>()

/**
 * "13:05" (or "13:05:42" with seconds) on a 24-hour clock in the event's time zone, whatever the
 * locale. An unknown zone name falls back to the device's zone. Formatters are kept: charts call
 * this for every tick.
 */
export function formatClock(
  moment: string | number | null | undefined,
  timeZone?: string,
  locale?: string,
  seconds = false,
): string {
  if (moment === null || moment === undefined || moment === '') return '–'
  const key = `${locale ?? ''}|${timeZone ?? ''}|${seconds}`
  let format = clockFormats.get(key)
  if (!format) {
    const options: Intl.DateTimeFormatOptions = {
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
    }
    try {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone })
    } catch {
      format = new Intl.DateTimeFormat(locale, options)
    }
    clockFormats.set(key, format)
  }
  return format.format(typeof moment === 'number' ? moment : Date.parse(moment))
}

export function runnerName(runner: { first_name: string; last_name: string } | null | undefined): string {
  return runner ? `${runner.first_name} ${runner.last_name}` : ''
}
