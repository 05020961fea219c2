// Next lap and undo that are never lost or doubled: presses go through a durable outbox, keep
// their idempotency key and press time, and are sent one at a time in order.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

import { api } from '@/api'
import { ApiError } from '@/api/http'
import type { AdvanceResult, Lap, ReverseResult } from '@/api/types'
import { syncClock } from '@/composables/useServerClock'
import { load, makePress, newKey, save, settleHead, type Press, type PressKind } from '@/lib/outbox'

import { useRaceStore } from './race'

export interface Refusal {
  press: Press
  code: string
  detail: string
  current?: Lap | null
}

const MAX_RETRY_MS = 8000

export const useControlStore = defineStore('control', () => {
  const race = useRaceStore()
  const pending = ref<Press[]>(load(localStorage))
  const refusal = ref<Refusal | null>(null)
  const lastResult = ref<{ kind: PressKind; lap: Lap | null; at: number } | null>(null)
  const sending = ref(false)
  let retryMs = 500
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  // The lap the server said runs, with the seq of that answer: ahead of the live stream until
  // the stream's own event arrives (an answer usually beats its event by a few milliseconds).
  let answered: { lap: number | null; seq: number } | null = null

  function runningLap(): number | null {
    if (answered && answered.seq > race.seq) return answered.lap
    return race.current?.id ?? null
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
    refusal.value = null
    pending.value = [{ ...refused.press, key: newKey(), force: true }, ...pending.value]
    persist()
    void flush()
  }

  /** The organiser has read the refusal: the presses made after it go out now. */
  function dismiss() {
    refusal.value = null
    void flush()
  }

  async function send(p: Press): Promise<number | null> {
    if (p.kind === 'advance') {
      const body = { idempotency_key: p.key, expected_lap: p.expectedLap, at: p.at, force: p.force }
      const result: AdvanceResult = await api.advance(body)
      lastResult.value = { kind: p.kind, lap: result.started ?? result.finished, at: Date.now() }
      answered = { lap: result.started?.id ?? null, seq: result.seq }
      return result.started?.id ?? null
    }
    const result: ReverseResult = await api.reverse({ idempotency_key: p.key, expected_lap: p.expectedLap })
    lastResult.value = { kind: p.kind, lap: result.resumed, at: Date.now() }
    answered = { lap: result.resumed?.id ?? null, seq: result.seq }
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
          retryMs = 500
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
            answered = { lap: current?.id ?? null, seq: error.body.seq }
          }
          refusal.value = {
            press: head,
            code: error.code,
            detail: error.detail,
            current: current ?? undefined,
          }
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

  window.addEventListener('online', () => {
    retryMs = 500
    void flush()
  })

  // Presses kept from before a reload go out as soon as the page is back.
  if (pending.value.length) void flush()

  const pendingCount = computed(() => pending.value.length)
  return { pending, pendingCount, refusal, lastResult, sending, press, flush, recordAnyway, dismiss }
})
