// The one owner of the EventSource. It subscribes from a sequence number, hands every event to
// the caller in order, reconnects with jittered backoff from the caller's latest seq, and reports the
// connection's real state (driven by the stream, not by a timer on the page).
import { onScopeDispose, ref } from 'vue'

import { EVENT_TYPES } from '@/api/eventTypes'
import type { RaceEvent } from '@/api/types'
import { reconnectDelay } from '@/lib/backoff'

/** `open`: connected; the caller decides whether it has caught up (see `newest`). */
export type StreamStatus = 'connecting' | 'open' | 'lost'

// The server sends a keep-alive every 15 s: silence for longer than this means a dead connection.
const SILENCE_MS = 45_000

export interface StreamHandlers {
  seq: () => number
  onEvent: (event: RaceEvent) => void
  onReset: () => void
}

export function useEventStream(handlers: StreamHandlers, url = '/api/events/') {
  const status = ref<StreamStatus>('connecting')
  const lastHeard = ref<number>(Date.now())
  // The server's newest seq when this connection opened: the caller is current once it has applied it.
  const newest = ref(0)
  let source: EventSource | null = null
  let attempt = 0 // reconnects since the stream was last open
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
    source.addEventListener('stream-open', (message) => {
      newest.value = parseNewest((message as MessageEvent).data)
      status.value = 'open'
      attempt = 0
      heard()
    })
    source.addEventListener('keep-alive', heard)
    source.addEventListener('stream-reset', () => {
      heard()
      handlers.onReset() // the events we asked for are gone: the caller reloads its snapshot
    })
    // Every type the schema lists (src/api/eventTypes.ts is generated from it): a type the server
    // gains is listened for once the types are regenerated, and `make lint` fails until they are.
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
    // Resume from the latest applied seq, not from where the browser's own retry would; after a
    // random wait, so that every screen of the venue does not come back in the same instant.
    schedule(reconnectDelay(attempt++))
  }

  function schedule(delay: number) {
    retryTimer = setTimeout(() => {
      retryTimer = null
      connect()
    }, delay)
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

  /** The network is back: reconnect soon (within a second, jittered like every other reconnect). */
  function reconnectNow() {
    if (stopped) return
    if (retryTimer) clearTimeout(retryTimer)
    retryTimer = null
    attempt = 0
    schedule(reconnectDelay(0))
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
  return { status, lastHeard, newest, start, stop, reconnectNow }
}

/** The `newest` seq of a stream-open frame (0 from a server that does not send it). */
export function parseNewest(data: unknown): number {
  try {
    const value = JSON.parse(String(data)).newest
    return typeof value === 'number' && Number.isFinite(value) ? value : 0
  } catch {
    return 0
  }
}
