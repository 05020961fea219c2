// The server's clock, shared by every page, so every screen shows the same elapsed time.
import { computed, getCurrentScope, onScopeDispose, ref } from 'vue'

import { get } from '@/api/http'
import type { CurrentSnapshot } from '@/api/types'
import { addSample, estimateOffset, msToNextSecond, type ClockSample } from '@/lib/clock'

const offset = ref(0)
const roundTrip = ref<number | null>(null)
let samples: ClockSample[] = []
let syncing: Promise<void> | null = null
let timer: ReturnType<typeof setInterval> | null = null

async function sampleOnce(): Promise<void> {
  const sentAt = Date.now()
  const answer = await get<CurrentSnapshot>('/api/laps/current/')
  const receivedAt = Date.now()
  samples = addSample(samples, { sentAt, receivedAt, serverTime: Date.parse(answer.server_time) })
  const best = estimateOffset(samples)
  if (best) {
    offset.value = best.offset
    roundTrip.value = best.roundTrip
  }
}

/** Measure the offset with a few quick round trips (the lowest one wins). */
export function syncClock(rounds = 4): Promise<void> {
  syncing ??= (async () => {
    for (let i = 0; i < rounds; i++) {
      try {
        await sampleOnce()
      } catch {
        break // offline: keep the last estimate
      }
    }
  })().finally(() => (syncing = null))
  return syncing
}

// One tick for every clock on the page, when the server's clock turns a whole second: every timer
// on every screen changes at the same moment, and a page with nothing else going on wakes up once
// a second (not five times, once per component, as with a 200 ms timer each).
const now = ref(Date.now())
let ticker: ReturnType<typeof setTimeout> | null = null
let users = 0

function tick() {
  now.value = Date.now()
  ticker = setTimeout(tick, msToNextSecond(now.value + offset.value))
}

function startTicking() {
  users += 1
  if (ticker === null) tick()
}

function stopTicking() {
  users -= 1
  if (users === 0 && ticker !== null) {
    clearTimeout(ticker)
    ticker = null
  }
}

/** This device's clock (ms), read at each tick. */
export function useTick() {
  if (getCurrentScope()) {
    startTicking()
    onScopeDispose(stopTicking)
  }
  return now
}

export function useServerClock() {
  if (timer === null) {
    void syncClock()
    timer = setInterval(() => void syncClock(2), 5 * 60 * 1000)
  }
  const local = useTick()
  return {
    offset,
    roundTrip,
    serverNow: computed(() => local.value + offset.value),
    nowOnServer: () => Date.now() + offset.value,
  }
}
