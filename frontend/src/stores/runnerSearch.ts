// Runners by name or student ID, for the pickers (a lap's runner, a shift's stand-in). A piece of
// state that stores own, not a store: each picker keeps its own answers.
import { ref, type Ref } from 'vue'

import { api } from '@/api'
import { ApiError } from '@/api/http'
import type { Runner } from '@/api/types'

export const SEARCH_MIN_CHARS = 2

function message(e: unknown): string {
  return e instanceof ApiError ? e.detail : (e as Error).message
}

/** Search state; a failed search writes to `error` (the owner's, so one line shows every failure). */
export function runnerSearch(error: Ref<string | null> = ref(null)) {
  const searching = ref(false)
  const candidates = ref<Runner[]>([])
  const searchedFor = ref('') // the query the candidates answer
  let token = 0

  /** Only the answer to the latest query is kept; under two characters there is no search. */
  async function search(query: string | null): Promise<void> {
    const mine = ++token
    const q = (query ?? '').trim()
    if (q.length < SEARCH_MIN_CHARS) {
      candidates.value = []
      searchedFor.value = ''
      searching.value = false
      return
    }
    searching.value = true
    try {
      const page = await api.searchRunners(q)
      if (mine === token) {
        candidates.value = page.results
        searchedFor.value = q
      }
    } catch (e) {
      if (mine === token) error.value = message(e)
    } finally {
      if (mine === token) searching.value = false
    }
  }

  /** A fresh picker: no answers, no error, and an answer still on its way is dropped. */
  function clear() {
    token++
    searching.value = false
    candidates.value = []
    searchedFor.value = ''
    error.value = null
  }

  return { searching, candidates, searchedFor, error, search, clear }
}
