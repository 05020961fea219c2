// The shift board: the current and next shifts, who has checked in and who is missing. Check-ins
// are private, so their events carry counts only: the board loads again (debounced) after any event
// that may change it, after a fresh snapshot and after a reconnect.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch, type Ref } from 'vue'

import { checkinsApi } from '@/api/checkins'
import { ApiError } from '@/api/http'
import type { RaceEvent, ShiftBoard } from '@/api/types'
import { orderShifts } from '@/lib/shifts'

import { useRaceStore } from './race'
import { runnerSearch } from './runnerSearch'

/** Events after which the board may have changed. */
export const REFRESHES_BOARD = new Set<string>(['checked_in', 'runner_changed', 'data_changed', 'resync'])
export const BOARD_RELOAD_MS = 500
// Shifts begin and end by the clock, without any event: look again now and then.
export const BOARD_POLL_MS = 60_000

function message(e: unknown): string {
  return e instanceof ApiError ? e.detail : (e as Error).message
}

export const useShiftBoardStore = defineStore('shiftBoard', () => {
  const race = useRaceStore()
  const board = shallowRef<ShiftBoard | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const refused = ref(false)
  /** `${shift}:${runner}` of the check-ins by hand on their way. */
  const pending = ref<Set<string>>(new Set())
  const actionError = ref<string | null>(null)

  let running: Promise<void> | null = null
  let again = false
  let timer: ReturnType<typeof setTimeout> | null = null
  let poll: ReturnType<typeof setInterval> | null = null
  let users = 0
  let stopListening: (() => void) | null = null
  let stopWatching: (() => void) | null = null

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
            const answer = await checkinsApi.board()
            // An answer older than one already shown (two loads crossing) is dropped.
            if (!board.value || answer.seq >= board.value.seq) board.value = answer
            error.value = null
            refused.value = false
          } catch (e) {
            error.value = message(e)
            refused.value = e instanceof ApiError && (e.status === 401 || e.status === 403)
          }
        } while (again)
      } finally {
        loading.value = false
        running = null
      }
    })()
    return running
  }

  /** Load again soon: a burst of events (a busy kiosk) is one request. */
  function schedule() {
    if (timer) return
    timer = setTimeout(() => {
      timer = null
      void load()
    }, BOARD_RELOAD_MS)
  }

  function onEvent(event: RaceEvent) {
    if (REFRESHES_BOARD.has(event.type)) schedule()
  }

  /** A page or dialog shows the board: load it and keep it live until every user has stopped. */
  function open() {
    users++
    if (users === 1) {
      stopListening = race.listen({ event: onEvent, reloaded: schedule })
      // Back from a lost connection: check-ins may have happened meanwhile.
      stopWatching = watch(
        () => race.status,
        (now, before) => {
          if (before === 'lost' && now !== 'lost') schedule()
        },
      )
      poll = setInterval(schedule, BOARD_POLL_MS)
    }
    return load()
  }

  function close() {
    users = Math.max(0, users - 1)
    if (users > 0) return
    stopListening?.()
    stopWatching?.()
    stopListening = stopWatching = null
    if (poll) clearInterval(poll)
    if (timer) clearTimeout(timer)
    poll = timer = null
  }

  /** Post a check-in by hand; a refusal goes to `failed` (the board's line, or the picker's). */
  async function send(
    shift: number,
    runner: number,
    checkedIn: boolean,
    failed: Ref<string | null>,
  ): Promise<boolean> {
    const key = `${shift}:${runner}`
    if (pending.value.has(key)) return false
    pending.value = new Set([...pending.value, key])
    failed.value = null
    try {
      await checkinsApi.checkIn(shift, runner, checkedIn)
      await load()
      return true
    } catch (e) {
      failed.value = message(e)
      return false
    } finally {
      const rest = new Set(pending.value)
      rest.delete(key)
      pending.value = rest
    }
  }

  /** Staff: check a runner in or out by hand; the board follows the answer at once. */
  async function checkIn(shift: number, runner: number, checkedIn: boolean) {
    await send(shift, runner, checkedIn, actionError)
  }

  // Staff: check in a stand-in, found by name; the board marks who is not on the shift's roster.
  const standInError = ref<string | null>(null)
  const finder = runnerSearch(standInError)

  /** True once the stand-in is checked in (the picker closes); false leaves the reason in standInError. */
  function checkInStandIn(shift: number, runner: number): Promise<boolean> {
    return send(shift, runner, true, standInError)
  }

  const shifts = computed(() => (board.value ? orderShifts(board.value.shifts) : []))

  return {
    board,
    shifts,
    loading,
    error,
    refused,
    pending,
    actionError,
    load,
    open,
    close,
    checkIn,
    candidates: finder.candidates,
    searching: finder.searching,
    searchedFor: finder.searchedFor,
    standInError,
    search: finder.search,
    clearSearch: finder.clear,
    checkInStandIn,
  }
})
