// The one owner of the EventSource. It subscribes from a sequence number, hands every event to
// the caller in order, reconnects with backoff from the caller's latest seq, and reports the
// connection's real state (driven by the stream, not by a timer on the page).
import { onScopeDispose, ref } from 'vue'

import type { RaceEvent } from '@/api/types'

export const EVENT_TYPES = [
  'lap_started',
  'lap_finished',
  'lap_resumed',
  'lap_removed',
  'lap_assigned',
  'queue_inserted',
  'queue_moved',
  'queue_removed',
  'queue_reset',
  'runner_changed',
  'points_changed',
  'data_changed',
  'settings_changed',
] as const

export type StreamStatus = 'connecting' | 'open' | 'lost'

// The server sends a keep-alive every 15 s: silence for longer than this means a dead connection.
const SILENCE_MS = 45_000
const MAX_BACKOFF_MS = 10_000

export interface StreamHandlers {
  seq: () => number
  onEvent: (event: RaceEvent) => void
  onReset: () => void
}

export function useEventStream(handlers: StreamHandlers, url = '/api/events/') {
  const status = ref<StreamStatus>('connecting')
  const lastHeard = ref<number>(Date.now())
  let source: EventSource | null = null
  let backoff = 500
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let watchdog: ReturnType<typeof setInterval> | null = null
  let stopped = false

  function heard() {
    lastHeard.value = Date.now()
  }

  function connect() {
    if (stopped) return
    close()
    status.value = 'connecting'
    source = new EventSource(`${url}?seq=${handlers.seq()}`)
    source.addEventListener('stream-open', () => {
      status.value = 'open'
      backoff = 500
      heard()
    })
    source.addEventListener('keep-alive', heard)
    source.addEventListener('stream-reset', () => {
      heard()
      handlers.onReset() // the events we asked for are gone: the caller reloads its snapshot
    })
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (message) => {
        heard()
        status.value = 'open'
        handlers.onEvent(JSON.parse((message as MessageEvent).data) as RaceEvent)
      })
    }
    source.onerror = () => lost()
  }

  function lost() {
    status.value = 'lost'
    close()
    if (stopped || retryTimer) return
    // Resume from the latest applied seq, not from where the browser's own retry would.
    retryTimer = setTimeout(() => {
      retryTimer = null
      connect()
    }, backoff)
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)
  }

  function close() {
    source?.close()
    source = null
  }

  function start() {
    stopped = false
    connect()
    watchdog ??= setInterval(() => {
      if (status.value === 'open' && Date.now() - lastHeard.value > SILENCE_MS) lost()
    }, 5000)
    window.addEventListener('offline', lost)
    window.addEventListener('online', reconnectNow)
  }

  function reconnectNow() {
    if (retryTimer) clearTimeout(retryTimer)
    retryTimer = null
    backoff = 500
    connect()
  }

  function stop() {
    stopped = true
    close()
    if (retryTimer) clearTimeout(retryTimer)
    if (watchdog) clearInterval(watchdog)
    retryTimer = watchdog = null
    window.removeEventListener('offline', lost)
    window.removeEventListener('online', reconnectNow)
  }

  onScopeDispose(stop)
  return { status, lastHeard, start, stop, reconnectNow }
}
