// The queue-up kiosk: a scan queues a known runner, an unknown card opens the registration form,
// and every answer goes back to scanning by itself (the rules are in lib/kiosk.ts).
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'

import { api } from '@/api'
import { newKey } from '@/lib/outbox'
import { ApiError } from '@/api/http'
import type { Group, RunnerSummary, Ticket, University } from '@/api/types'
import {
  cleanScan,
  deadline,
  initialState,
  RETRY_DELAYS_MS,
  next,
  type ErrorLike,
  type KioskEvent,
  type KioskState,
} from '@/lib/kiosk'

export interface Registration {
  first_name: string
  last_name: string
  university: number | null
  group: number | null
  first_year: boolean
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Queue a runner. The scan has one idempotency key, sent again unchanged when the answer did not
 * come (offline, a server restarting): a scan that was done but whose answer was lost is answered
 * from the server's record instead of queueing the runner a second time.
 */
async function enqueue(body: { runner?: number; identification?: string }): Promise<Ticket> {
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
  const summary = shallowRef<RunnerSummary | null>(null)
  const universities = ref<University[]>([])
  const groups = ref<Group[]>([])
  let timer: ReturnType<typeof setTimeout> | null = null
  let reference: Promise<void> | null = null

  function dispatch(event: KioskEvent) {
    state.value = next(state.value, event)
    if (timer) clearTimeout(timer)
    timer = null
    const due = deadline(state.value)
    if (due !== null)
      timer = setTimeout(() => dispatch({ type: 'tick', at: Date.now() }), Math.max(0, due - Date.now()))
    if (state.value.phase !== 'queued') summary.value = null
  }

  async function queued(ticket: Ticket) {
    dispatch({ type: 'queued', runner: ticket.runner, position: ticket.position, at: Date.now() })
    try {
      const info = await api.summary(ticket.runner.id)
      // A new scan may have come meanwhile: only show the summary of the runner on screen.
      if (state.value.phase === 'queued' && state.value.runner?.id === info.runner.id) summary.value = info
    } catch {
      // the position from the ticket is enough
    }
  }

  function failed(e: unknown) {
    dispatch({ type: 'failed', error: asError(e), at: Date.now() })
    if (state.value.phase === 'register') void loadReference()
  }

  /** A scan (or a typed ID and Enter): queue the card's runner. */
  async function scan(raw: string) {
    const identification = cleanScan(raw)
    if (!identification || state.value.busy) return
    dispatch({ type: 'scan', identification, at: Date.now() })
    try {
      await queued(await enqueue({ identification }))
    } catch (e) {
      failed(e)
    }
  }

  /** Register the unknown card's runner, then queue them. */
  async function register(form: Registration) {
    if (state.value.phase !== 'register' || state.value.busy) return
    const identification = state.value.identification
    dispatch({ type: 'submit', at: Date.now() })
    try {
      let ticket: Ticket
      try {
        const runner = await api.createRunner({
          ...form,
          university: form.university ?? undefined,
          identification,
        })
        ticket = await enqueue({ runner: runner.id })
      } catch (e) {
        // Registered meanwhile (another kiosk, a double tap): queue them by their card instead.
        if (!(e instanceof ApiError && e.code === 'already_registered')) throw e
        ticket = await enqueue({ identification })
      }
      await queued(ticket)
    } catch (e) {
      failed(e)
    }
  }

  /** Someone is filling in the form: keep it open. */
  function activity() {
    dispatch({ type: 'activity', at: Date.now() })
  }

  function reset() {
    dispatch({ type: 'reset', at: Date.now() })
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

  return {
    state,
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
    reset,
    loadReference,
  }
})
