// A running lap's live timer on the server's clock, and how far it is into an average lap.
import { computed, type Ref } from 'vue'

import type { Lap } from '@/api/types'
import { elapsedSince } from '@/lib/format'
import { paceRatio } from '@/lib/fullscreen'

import { useServerClock } from './useServerClock'

export function useLapTimer(lap: Ref<Lap | null>, average: Ref<number | null>) {
  const { serverNow } = useServerClock()
  const elapsed = computed(() => (lap.value ? elapsedSince(lap.value.start, serverNow.value) : null))
  const pace = computed(() => paceRatio(elapsed.value, average.value))
  return { elapsed, pace }
}
