// The results page: the standings for the chosen number of places, loaded again when the race
// moves on; staff publish them from here too (through the event settings).
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'

import { api } from '@/api'
import { ApiError } from '@/api/http'
import { resultsApi, type Results } from '@/api/results'

export const DEFAULT_TOP = 10

export const useResultsStore = defineStore('results', () => {
  const results = shallowRef<Results | null>(null)
  const top = ref<number | null>(DEFAULT_TOP)
  const loading = ref(false)
  /** The server's refusal or the failure, as a sentence; `refused` when it was a 401 or 403. */
  const error = ref<string | null>(null)
  const refused = ref(false)
  const publishing = ref(false)

  let running: Promise<void> | null = null
  let again = false

  /** Load the results; a call while one is on its way loads once more after it (the newest wins). */
  function load(): Promise<void> {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      loading.value = true
      try {
        do {
          again = false
          try {
            results.value = await resultsApi.results(top.value)
            error.value = null
            refused.value = false
          } catch (e) {
            error.value = e instanceof ApiError ? e.detail : (e as Error).message
            refused.value = e instanceof ApiError && (e.status === 401 || e.status === 403)
            if (refused.value) results.value = null
          }
        } while (again)
      } finally {
        loading.value = false
        running = null
      }
    })()
    return running
  }

  function setTop(value: number | null) {
    if (value === top.value) return
    top.value = value
    void load()
  }

  /** Staff: show the results to everybody, or hide them again. */
  async function publish(value: boolean) {
    publishing.value = true
    try {
      await api.updateSettings({ results_published: value })
      await load()
    } catch (e) {
      error.value = e instanceof ApiError ? e.detail : (e as Error).message
    } finally {
      publishing.value = false
    }
  }

  return { results, top, loading, error, refused, publishing, load, setTop, publish }
})
