// Next lap and undo that are never lost or doubled: presses go through a durable outbox, keep
// their idempotency key and press time, and are sent one at a time in order.
import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, watch } from 'vue'

import { api } from '@/api'
import { ApiError, onServerAnswer } from '@/api/http'
import type { AdvanceResult, Lap, ReverseResult } from '@/api/types'
import { syncClock } from '@/composables/useServerClock'
import {
  load,
  loadRefusal,
  makePress,
  newKey,
  save,
  saveRefusal,
  settleHead,
  type Press,
  type PressKind,
} from '@/lib/outbox'

import { useRaceStore } from './race'

export interface Refusal {
  press: Press
  code: string
  detail: string
  current?: Lap | null
}

// Only organisers' pages hold presses, so retrying every second costs the server nothing, and a
// held press goes out within a second of the server answering again.
const FIRST_RETRY_MS = 250
const MAX_RETRY_MS = 1000

export const useControlStore = defineStore('control', () => {
  const race = useRaceStore()
  const pending = ref<Press[]>(load(localStorage))
  // A refusal waits for the organiser's answer, across a reload too.
  const refusal = ref<Refusal | null>(loadRefusal<Refusal>(localStorage))
  const lastResult = ref<{ kind: PressKind; lap: Lap | null; at: number } | null>(null)
  const sending = ref(false)
  let retryMs = FIRST_RETRY_MS
  let retryTimer: ReturnType<typeof setTimeout> | null = null

  // The race store shows an answer before its events arrive: what the page shows is what runs.
  function runningLap(): number | null {
    return race.current?.id ?? null
  }

  function refuse(next: Refusal | null) {
    refusal.value = next
    saveRefusal(localStorage, next)
  }

  function persist() {
    save(localStorage, pending.value)
  }

  /** A press, recorded at once with its time on the server's clock; sent when possible. */
  function press(kind: PressKind, serverNow: number, force = false) {
    pending.value = [...pending.value, makePress(kind, pending.value, runningLap(), serverNow, force)]
    persist()
    void flush()
  }

  /** "Record anyway" after a too-soon refusal: the same press, forced, under a new key. */
  function recordAnyway() {
    const refused = refusal.value
    if (!refused) return
    refuse(null)
    pending.value = [{ ...refused.press, key: newKey(), force: true }, ...pending.value]
    persist()
    void flush()
  }

  /** The organiser has read the refusal: the presses made after it go out now. */
  function dismiss() {
    refuse(null)
    void flush()
  }

  async function send(p: Press): Promise<number | null> {
    if (p.kind === 'advance') {
      const body = { idempotency_key: p.key, expected_lap: p.expectedLap, at: p.at, force: p.force }
      const result: AdvanceResult = await api.advance(body)
      lastResult.value = { kind: p.kind, lap: result.started ?? result.finished, at: Date.now() }
      race.adoptAnswer({ seq: result.seq, current: result.started, finished: result.finished })
      return result.started?.id ?? null
    }
    const result: ReverseResult = await api.reverse({ idempotency_key: p.key, expected_lap: p.expectedLap })
    lastResult.value = { kind: p.kind, lap: result.resumed, at: Date.now() }
    race.adoptAnswer({ seq: result.seq, current: result.resumed, resumed: result.resumed })
    return result.resumed?.id ?? null
  }

  async function flush(): Promise<void> {
    if (sending.value || refusal.value) return
    sending.value = true
    try {
      while (pending.value.length && !refusal.value) {
        let head = pending.value[0]
        if (head.chained) {
          // The answer it was chained to never came (a refusal, a reload): expect what runs now.
          head = { ...head, expectedLap: runningLap(), chained: false }
          pending.value = [head, ...pending.value.slice(1)]
          persist()
        }
        try {
          const runningAfter = await send(head)
          pending.value = settleHead(pending.value, runningAfter)
          persist()
          retryMs = FIRST_RETRY_MS
        } catch (e) {
          const error = e as ApiError
          if (!(error instanceof ApiError) || error.retryable) {
            scheduleRetry()
            return
          }
          // The server answered "no": this press is done; tell the organiser. The rest stays
          // chained: after "record anyway" it follows the forced press, after "dismiss" the live state.
          pending.value = pending.value.slice(1)
          persist()
          const current = error.body.current as Lap | null | undefined
          if (current !== undefined && typeof error.body.seq === 'number') {
            race.adoptAnswer({ seq: error.body.seq, current })
          }
          refuse({ press: head, code: error.code, detail: error.detail, current: current ?? undefined })
          if (error.code.startsWith('press_time')) void syncClock()
        }
      }
    } finally {
      sending.value = false
    }
  }

  function scheduleRetry() {
    if (retryTimer) return
    retryTimer = setTimeout(() => {
      retryTimer = null
      void flush()
    }, retryMs)
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS)
  }

  /** The server is reachable again: what waits for a retry goes out now. */
  function retryNow() {
    if (!retryTimer) return
    clearTimeout(retryTimer)
    retryTimer = null
    retryMs = FIRST_RETRY_MS
    void flush()
  }

  window.addEventListener('online', retryNow)
  const unsubscribe = onServerAnswer(retryNow) // any answer: the clock's ping, a reload, another request
  onScopeDispose(() => {
    window.removeEventListener('online', retryNow)
    unsubscribe()
    if (retryTimer) clearTimeout(retryTimer)
  })
  watch(
    () => race.status,
    (status) => {
      if (status === 'open' || status === 'syncing') retryNow()
    },
  )

  // Presses kept from before a reload go out as soon as the page is back.
  if (pending.value.length) void flush()

  const pendingCount = computed(() => pending.value.length)
  return { pending, pendingCount, refusal, lastResult, sending, press, flush, recordAnyway, dismiss }
})
