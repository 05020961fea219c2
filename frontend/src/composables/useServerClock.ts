// The server's clock, shared by every page, so every screen shows the same elapsed time.
import { computed, ref } from 'vue'
import { useNow } from '@vueuse/core'

import { get } from '@/api/http'
import type { CurrentSnapshot } from '@/api/types'
import { addSample, estimateOffset, type ClockSample } from '@/lib/clock'

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

export function useServerClock(intervalMs = 200) {
  const now = useNow({ interval: intervalMs })
  if (timer === null) {
    void syncClock()
    timer = setInterval(() => void syncClock(2), 5 * 60 * 1000)
  }
  return {
    offset,
    roundTrip,
    serverNow: computed(() => now.value.getTime() + offset.value),
    nowOnServer: () => Date.now() + offset.value,
  }
}
