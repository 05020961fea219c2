// The queue-up kiosk: a scan queues a known runner, an unknown card opens the registration form,
// and every answer goes back to scanning by itself (the rules are in lib/kiosk.ts). What is on
// screen is kept in this tab's sessionStorage, so a reload comes back to the same form.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'

import { api } from '@/api'
import { newKey } from '@/lib/outbox'
import { ApiError } from '@/api/http'
import type { ScanAnswer, Group, RunnerSummary, University } from '@/api/types'
import {
  changedFields,
  deadline,
  emptyRegistration,
  extrasOf,
  initialState,
  normaliseIdentification,
  RETRY_DELAYS_MS,
  next,
  restore,
  type ErrorLike,
  type KioskEvent,
  type KioskState,
  type Registration,
} from '@/lib/kiosk'

/** Where the screen is kept: per tab, gone when the tab closes (and forgotten on logout). */
export const STORAGE_KEY = 'it24u.kiosk'

interface Saved {
  state: KioskState
  draft: Registration | null // what was typed into the form
}

function load(): Saved | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Saved | null
    return saved && typeof saved.state?.phase === 'string' ? saved : null
  } catch {
    return null // unreadable (or no storage at all): start from scanning
  }
}

function store(saved: Saved | null) {
  try {
    if (saved) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(saved))
    else sessionStorage.removeItem(STORAGE_KEY)
  } catch {
    // storage full or blocked: the kiosk works on, only a reload starts over
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Queue a runner. The scan has one idempotency key, sent again unchanged when the answer did not
 * come (offline, a server restarting): a scan that was done but whose answer was lost is answered
 * from the server's record instead of queueing the runner a second time.
 */
async function enqueue(body: { runner?: number; identification?: string }): Promise<ScanAnswer> {
  const request = { ...body, idempotency_key: newKey() }
  for (let attempt = 0; ; attempt++) {
    try {
      return await api.enqueue(request)
    } catch (e) {
      if (!(e instanceof ApiError && e.retryable) || attempt >= RETRY_DELAYS_MS.length) throw e
      await sleep(RETRY_DELAYS_MS[attempt])
    }
  }
}

function asError(e: unknown): ErrorLike {
  if (e instanceof ApiError) return e
  return { status: -1, code: 'error', detail: e instanceof Error ? e.message : String(e), body: {} }
}

export const useKioskStore = defineStore('kiosk', () => {
  const state = shallowRef<KioskState>(initialState(Date.now()))
  const draft = shallowRef<Registration | null>(null)
  const summary = shallowRef<RunnerSummary | null>(null)
  const universities = ref<University[]>([])
  const groups = ref<Group[]>([])
  let timer: ReturnType<typeof setTimeout> | null = null
  let reference: Promise<void> | null = null
  // Bumped by forget(): an answer to a request sent before a logout must not come back on screen.
  let generation = 0

  function show(value: KioskState) {
    state.value = value
    if (timer) clearTimeout(timer)
    timer = null
    const due = deadline(value)
    if (due !== null)
      timer = setTimeout(() => dispatch({ type: 'tick', at: Date.now() }), Math.max(0, due - Date.now()))
    if (value.phase !== 'queued') summary.value = null
    if (value.phase !== 'register') draft.value = null
    save()
  }

  function dispatch(event: KioskEvent) {
    show(next(state.value, event))
  }

  function save() {
    store(state.value.phase === 'idle' ? null : { state: state.value, draft: draft.value })
  }

  async function showSummary(runner: number) {
    try {
      const info = await api.summary(runner)
      // A new scan may have come meanwhile: only show the summary of the runner on screen.
      if (state.value.phase === 'queued' && state.value.runner?.id === info.runner.id) summary.value = info
    } catch {
      // the position from the ticket is enough
    }
  }

  async function queued(ticket: ScanAnswer) {
    dispatch({
      type: 'queued',
      runner: ticket.runner,
      position: ticket.position,
      at: Date.now(),
      ...extrasOf(ticket),
    })
    await showSummary(ticket.runner.id)
  }

  function failed(e: unknown) {
    dispatch({ type: 'failed', error: asError(e), at: Date.now() })
    if (state.value.phase === 'register') void loadReference()
  }

  /** A scan (or a typed ID and Enter): queue the card's runner. */
  async function scan(raw: string) {
    const identification = normaliseIdentification(raw)
    if (!identification || state.value.busy) return
    const mine = generation
    dispatch({ type: 'scan', identification, at: Date.now() })
    try {
      const ticket = await enqueue({ identification })
      if (mine === generation) await queued(ticket)
    } catch (e) {
      if (mine === generation) failed(e)
    }
  }

  /** Register the unknown card's runner, then queue them. */
  async function register(form: Registration) {
    if (state.value.phase !== 'register' || state.value.busy) return
    const identification = state.value.identification
    const mine = generation
    dispatch({ type: 'submit', at: Date.now() })
    try {
      let ticket: ScanAnswer
      try {
        const runner = await api.createRunner({
          ...form,
          // None chosen: left out, and the server's field error shows under the list.
          university: (form.university ?? undefined) as number,
          identification,
        })
        ticket = await enqueue({ runner: runner.id })
      } catch (e) {
        // Registered meanwhile (another kiosk, a double tap): queue them by their card instead.
        if (!(e instanceof ApiError && e.code === 'already_registered')) throw e
        ticket = await enqueue({ identification })
      }
      if (mine === generation) await queued(ticket)
    } catch (e) {
      if (mine === generation) failed(e)
    }
  }

  /** Someone is filling in the form: keep it open. */
  function activity() {
    dispatch({ type: 'activity', at: Date.now() })
  }

  /** The form now holds this: keep it (for a reload) and clear the errors of what changed. */
  function edit(form: Registration) {
    if (state.value.phase !== 'register') return
    const fields = changedFields(draft.value ?? emptyRegistration(), form)
    draft.value = { ...form }
    dispatch({ type: 'edit', fields, at: Date.now() })
  }

  function reset() {
    dispatch({ type: 'reset', at: Date.now() })
  }

  /** After a logout: nothing of the last student stays, on screen or in the tab's storage. */
  function forget() {
    generation++
    reset() // scanning: nothing to keep, so the tab's storage is emptied too
  }

  /** Universities and groups for the form; loaded once, again after a failure. */
  function loadReference(): Promise<void> {
    reference ??= Promise.all([api.universities(), api.groups()])
      .then(([u, g]) => {
        universities.value = u.results
        groups.value = [...g.results].sort((a, b) => a.name.localeCompare(b.name))
      })
      .catch(() => {
        reference = null
      })
    return reference
  }

  // Back to what this tab showed before a reload.
  const saved = load()
  if (saved) {
    const restored = restore(saved.state, Date.now())
    if (restored.phase === 'register') draft.value = saved.draft
    show(restored)
    if (restored.phase === 'register') void loadReference()
    if (restored.phase === 'queued' && restored.runner) void showSummary(restored.runner.id)
  }

  return {
    state,
    draft,
    summary,
    universities,
    groups,
    phase: computed(() => state.value.phase),
    busy: computed(() => state.value.busy),
    message: computed(() => state.value.message),
    deadline: computed(() => deadline(state.value)),
    scan,
    register,
    activity,
    edit,
    reset,
    forget,
    loadReference,
  }
})
