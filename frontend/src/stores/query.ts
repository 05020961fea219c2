// The query page: runners in a shift, runners without an upcoming shift, and a runner search
// with each runner's laps. Each answer is kept only if it answers the latest question.
import { defineStore } from 'pinia'
import { ref, type Ref } from 'vue'

import { api } from '@/api'
import { ApiError } from '@/api/http'
import { queryApi } from '@/api/query'
import type { Lap, Runner, Shift } from '@/api/types'

function message(e: unknown): string {
  return e instanceof ApiError ? e.detail : (e as Error).message
}

/** A list fetched again and again (a new shift, a new search): loading, error, latest answer wins. */
function latest<T>(empty: T) {
  const data = ref(empty) as Ref<T>
  const loading = ref(false)
  const error = ref<string | null>(null)
  const loaded = ref(false) // an answer arrived for the current question
  let token = 0

  async function run(fetch: () => Promise<T>): Promise<void> {
    const mine = ++token
    loading.value = true
    error.value = null
    loaded.value = false
    try {
      const value = await fetch()
      if (mine !== token) return
      data.value = value
      loaded.value = true
    } catch (e) {
      if (mine === token) error.value = message(e)
    } finally {
      if (mine === token) loading.value = false
    }
  }

  function reset() {
    token++
    data.value = empty
    loading.value = false
    error.value = null
    loaded.value = false
  }

  return { data, loading, error, loaded, run, reset }
}

export const useQueryStore = defineStore('query', () => {
  const shifts = latest<Shift[]>([])
  const inShift = latest<Runner[]>([])
  const withoutShift = latest<Runner[]>([])
  const found = latest<Runner[]>([])
  const foundCount = ref(0)
  const searchedFor = ref('')

  const laps = ref<Record<number, Lap[]>>({})
  const lapsLoading = ref<Record<number, boolean>>({})
  const lapsError = ref<Record<number, string>>({})

  function loadShifts() {
    return shifts.run(async () => (await api.shifts()).results)
  }

  function loadShiftRunners(shift: number | null) {
    if (shift === null) return inShift.reset()
    return inShift.run(() => api.shiftRunners(shift))
  }

  function loadWithoutShift(afterIso: string | null) {
    if (!afterIso) return withoutShift.reset()
    return withoutShift.run(() => api.withoutUpcomingShift(afterIso))
  }

  async function search(query: string | null) {
    const q = (query ?? '').trim()
    searchedFor.value = q
    if (!q) {
      foundCount.value = 0
      return found.reset()
    }
    return found.run(async () => {
      const page = await queryApi.searchRunners(q)
      foundCount.value = page.count
      return page.results
    })
  }

  /** A runner's laps (all of them, newest first); `force` reads them again. */
  async function loadLaps(runner: number, force = false) {
    if ((laps.value[runner] && !force) || lapsLoading.value[runner]) return
    lapsLoading.value = { ...lapsLoading.value, [runner]: true }
    const errors = { ...lapsError.value }
    delete errors[runner]
    lapsError.value = errors
    try {
      const page = await queryApi.runnerLaps(runner)
      laps.value = { ...laps.value, [runner]: page.results }
    } catch (e) {
      lapsError.value = { ...lapsError.value, [runner]: message(e) }
    } finally {
      lapsLoading.value = { ...lapsLoading.value, [runner]: false }
    }
  }

  return {
    shifts: shifts.data,
    shiftsLoading: shifts.loading,
    shiftsError: shifts.error,
    inShift: inShift.data,
    inShiftLoading: inShift.loading,
    inShiftError: inShift.error,
    inShiftLoaded: inShift.loaded,
    withoutShift: withoutShift.data,
    withoutShiftLoading: withoutShift.loading,
    withoutShiftError: withoutShift.error,
    withoutShiftLoaded: withoutShift.loaded,
    found: found.data,
    foundCount,
    foundLoading: found.loading,
    foundError: found.error,
    foundLoaded: found.loaded,
    searchedFor,
    laps,
    lapsLoading,
    lapsError,
    loadShifts,
    loadShiftRunners,
    loadWithoutShift,
    search,
    loadLaps,
  }
})
