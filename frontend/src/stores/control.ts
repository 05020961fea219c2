// Next lap and undo that are never lost or doubled: presses go through a durable outbox, keep
// their idempotency key and press time, and are sent one at a time in order. Every /control tab
// of the browser shares the outbox: one tab at a time sends (whichever gets the lock), reading it
// afresh before each press, and the others follow its changes and its answers.
import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, watch } from 'vue'

import { api } from '@/api'
import { ApiError, onServerAnswer } from '@/api/http'
import type { ErrorBody, Lap } from '@/api/types'
import { syncClock } from '@/composables/useServerClock'
import {
  isOutboxKey,
  load,
  loadRefusal,
  makePress,
  migrateLegacy,
  newKey,
  put,
  remove,
  saveRefusal,
  settle,
  type Press,
  type PressKind,
} from '@/lib/outbox'
import type { Answer } from '@/lib/race'
import { withSendLock } from '@/lib/sendLock'

import { useRaceStore } from './race'

export interface Refusal {
  press: Press
  code: string
  detail: string
  current?: Lap | null
  /** too_soon: how long the lap would have lasted, and the minimum, in seconds (the server's numbers). */
  elapsed?: number
  min_lap_time?: number
}

export interface PressResult {
  kind: PressKind
  lap: Lap | null
  at: number
}

// What one tab tells the others: the outbox changed, or the server answered a press.
type Message = { type: 'changed' } | { type: 'answered'; answer: Answer; result: PressResult }
const CHANNEL = 'it24u-outbox'

// Only organisers' pages hold presses, so retrying every second costs the server nothing, and a
// held press goes out within a second of the server answering again.
const FIRST_RETRY_MS = 250
const MAX_RETRY_MS = 1000

export const useControlStore = defineStore('control', () => {
  const race = useRaceStore()
  migrateLegacy(localStorage)
  // Every press held by any tab of this browser, in sending order.
  const pending = ref<Press[]>(load(localStorage))
  // A refusal waits for the organiser's answer, across a reload too, in every tab.
  const refusal = ref<Refusal | null>(loadRefusal<Refusal>(localStorage))
  const lastResult = ref<PressResult | null>(null)
  const sending = ref(false)
  let retryMs = FIRST_RETRY_MS
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let queued: Promise<void> | null = null
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null

  // The race store shows an answer before its events arrive: what the page shows is what runs.
  function runningLap(): number | null {
    return race.current?.id ?? null
  }

  /** The outbox and the refusal as stored: another tab may have changed them. */
  function refresh() {
    pending.value = load(localStorage)
    refusal.value = loadRefusal<Refusal>(localStorage)
  }

  /** This tab changed the outbox: show it, and tell the others (the storage event also does). */
  function changed() {
    refresh()
    channel?.postMessage({ type: 'changed' } satisfies Message)
  }

  function answered(answer: Answer, result: PressResult) {
    race.adoptAnswer(answer)
    lastResult.value = result
    channel?.postMessage({ type: 'answered', answer, result } satisfies Message)
  }

  /** A press, recorded at once with its time on the server's clock; sent when possible. */
  function press(kind: PressKind, serverNow: number, force = false) {
    // Behind presses any tab still holds, it waits for their answers (chained).
    put(localStorage, makePress(kind, load(localStorage), runningLap(), serverNow, force))
    changed()
    void flush()
  }

  /** "Record anyway" after a too-soon refusal: the same press, forced, under a new key. */
  async function recordAnyway() {
    // Under the lock: with two tabs answering the same refusal, one forced press, not two.
    await withSendLock(async () => {
      const refused = loadRefusal<Refusal>(localStorage)
      if (!refused) return
      saveRefusal(localStorage, null)
      put(localStorage, { ...refused.press, key: newKey(), force: true })
    })
    changed()
    void flush()
  }

  /** The organiser has read the refusal: the presses made after it go out now. */
  function dismiss() {
    saveRefusal(localStorage, null)
    changed()
    void flush()
  }

  /** Sends one press; returns the lap its answer left running. */
  async function send(p: Press): Promise<number | null> {
    if (p.kind === 'advance') {
      const body = { idempotency_key: p.key, expected_lap: p.expectedLap, at: p.at, force: p.force }
      const result = await api.advance(body)
      answered(
        { seq: result.seq, current: result.started, finished: result.finished },
        { kind: p.kind, lap: result.started ?? result.finished, at: Date.now() },
      )
      return result.started?.id ?? null
    }
    const result = await api.reverse({ idempotency_key: p.key, expected_lap: p.expectedLap })
    answered(
      { seq: result.seq, current: result.resumed, resumed: result.resumed },
      { kind: p.kind, lap: result.resumed, at: Date.now() },
    )
    return result.resumed?.id ?? null
  }

  /** Sends what the outbox holds, in order, until it is empty, refused or unreachable. */
  async function sendHeld(): Promise<void> {
    sending.value = true
    try {
      for (;;) {
        refresh() // another tab may have added, sent or refused presses meanwhile
        let head = pending.value[0]
        if (!head || refusal.value) return
        if (head.chained) {
          // The answer it was chained to never came (a refusal, a reload): expect what runs now.
          head = { ...head, expectedLap: runningLap(), chained: false }
          put(localStorage, head)
        }
        try {
          settle(localStorage, head.key, await send(head))
          retryMs = FIRST_RETRY_MS
        } catch (e) {
          const error = e as ApiError
          if (!(error instanceof ApiError) || error.retryable) {
            scheduleRetry()
            return
          }
          // The server answered "no": this press is done; tell the organiser. The rest stays
          // chained: after "record anyway" it follows the forced press, after "dismiss" the live state.
          remove(localStorage, head.key)
          const { current, seq, elapsed, min_lap_time } = error.body as Partial<ErrorBody>
          if (current !== undefined && typeof seq === 'number') race.adoptAnswer({ seq, current })
          saveRefusal(localStorage, {
            press: head,
            code: error.code,
            detail: error.detail,
            current: current ?? undefined,
            elapsed,
            min_lap_time,
          } satisfies Refusal)
          if (error.code.startsWith('press_time')) void syncClock()
        }
        changed()
      }
    } finally {
      sending.value = false
      refresh()
    }
  }

  /** Sends the held presses as soon as no other tab is sending; one call waits, later ones join it. */
  function flush(): Promise<void> {
    queued ??= withSendLock(() => {
      queued = null
      return sendHeld()
    })
    return queued
  }

  function scheduleRetry() {
    if (retryTimer) return
    retryTimer = setTimeout(() => {
      retryTimer = null
      void flush()
    }, retryMs)
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS)
  }

  /** The server is reachable again: what is held (by any tab) goes out now. */
  function retryNow() {
    if (retryTimer) clearTimeout(retryTimer)
    retryTimer = null
    retryMs = FIRST_RETRY_MS
    if (pending.value.length && !refusal.value) void flush()
  }

  function onStorage(event: StorageEvent) {
    if (event.storageArea === localStorage && isOutboxKey(event.key)) refresh()
  }

  function onMessage(event: MessageEvent<Message>) {
    if (event.data.type === 'answered') {
      race.adoptAnswer(event.data.answer)
      lastResult.value = event.data.result
    }
    refresh()
  }

  window.addEventListener('online', retryNow)
  window.addEventListener('storage', onStorage)
  channel?.addEventListener('message', onMessage)
  const unsubscribe = onServerAnswer(retryNow) // any answer: the clock's ping, a reload, another request
  onScopeDispose(() => {
    window.removeEventListener('online', retryNow)
    window.removeEventListener('storage', onStorage)
    channel?.close()
    unsubscribe()
    if (retryTimer) clearTimeout(retryTimer)
  })
  watch(
    () => race.status,
    (status) => {
      if (status === 'open' || status === 'syncing') retryNow()
    },
  )

  // Presses kept from before a reload (or left by a closed tab) go out as soon as the page is back.
  if (pending.value.length) void flush()

  const pendingCount = computed(() => pending.value.length)
  return { pending, pendingCount, refusal, lastResult, sending, press, flush, recordAnyway, dismiss }
})
