// The control page's smaller actions: skip the head of the queue, give an unassigned lap its
// runner (found by a name or ID search). The live race itself stays in the race store.
import { defineStore } from 'pinia'
import { ref } from 'vue'

import { api } from '@/api'
import { ApiError } from '@/api/http'
import type { EventSettings } from '@/api/types'

import { runnerSearch } from './runnerSearch'

export const SKIP_PLACES = 3

function message(e: unknown): string {
  return e instanceof ApiError ? e.detail : (e as Error).message
}

export const useControlUiStore = defineStore('controlUi', () => {
  const skipping = ref<number | null>(null) // the ticket being skipped
  const assigning = ref(false)
  const error = ref<string | null>(null)
  const finder = runnerSearch(error)

  /** The head of the queue is not there: move their ticket back a few places. */
  async function skip(ticket: number): Promise<boolean> {
    if (skipping.value !== null) return false
    skipping.value = ticket
    error.value = null
    try {
      await api.skip(ticket, SKIP_PLACES)
      return true
    } catch (e) {
      error.value = message(e)
      return false
    } finally {
      skipping.value = null
    }
  }

  async function assign(lap: number, runner: number): Promise<boolean> {
    assigning.value = true
    error.value = null
    try {
      await api.assign(lap, runner) // the lap_assigned event updates every screen
      return true
    } catch (e) {
      error.value = message(e)
      return false
    } finally {
      assigning.value = false
    }
  }

  /** Banner, rain, leaderboard freeze, or "reload every display": the settings event reaches all screens. */
  async function updateSettings(
    change: Partial<EventSettings> & { reload_displays?: boolean },
  ): Promise<boolean> {
    error.value = null
    try {
      await api.updateSettings(change)
      return true
    } catch (e) {
      error.value = message(e)
      return false
    }
  }

  return {
    skipping,
    assigning,
    searching: finder.searching,
    candidates: finder.candidates,
    searchedFor: finder.searchedFor,
    error,
    skip,
    search: finder.search,
    assign,
    clear: finder.clear,
    updateSettings,
  }
})
