// Staff actions on the live queue (move, remove) shown at once: each pending action is laid over
// the race store's queue until the server's event for it has been applied, or dropped when refused.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'

import { api } from '@/api'
import { ApiError } from '@/api/http'
import type { RunnerSummary, Ticket } from '@/api/types'
import { moveIndex, removeTicket } from '@/lib/queue'

import { useRaceStore } from './race'

export interface PendingAction {
  key: number
  ticket: number
  kind: 'move' | 'remove'
  to: number
  seq: number | null // the server's event for it; null while the request is on its way
}

export interface Notice {
  id: number
  text: string
}

export interface QuickInfo {
  runner: number
  summary: RunnerSummary | null
  error: string | null
}

export function applyAction(queue: Ticket[], action: PendingAction): Ticket[] {
  if (action.kind === 'remove') return removeTicket(queue, action.ticket)
  const from = queue.findIndex((t) => t.id === action.ticket)
  return from < 0 ? queue : moveIndex(queue, from, action.to)
}

function seqOf(answer: unknown): number | null {
  const seq = (answer as { seq?: unknown } | null)?.seq
  return typeof seq === 'number' ? seq : null
}

export const useQueueActionsStore = defineStore('queueActions', () => {
  const race = useRaceStore()
  const pending = shallowRef<PendingAction[]>([])
  const notice = ref<Notice | null>(null)
  const info = shallowRef<QuickInfo | null>(null)
  let keys = 0

  /** The queue as staff should see it: the live one with their own unconfirmed actions applied. */
  const tickets = computed(() => pending.value.reduce(applyAction, race.queue))

  // The live queue has caught up with an action once the race store applied its event.
  watch(
    () => race.seq,
    (seq) => {
      const left = pending.value.filter((a) => a.seq === null || a.seq > seq)
      if (left.length !== pending.value.length) pending.value = left
    },
  )

  function settle(action: PendingAction, answer: unknown) {
    const seq = seqOf(answer)
    pending.value =
      seq === null || race.seq >= seq
        ? pending.value.filter((a) => a.key !== action.key)
        : pending.value.map((a) => (a.key === action.key ? { ...a, seq } : a))
  }

  function refuse(action: PendingAction, e: unknown) {
    pending.value = pending.value.filter((a) => a.key !== action.key)
    const text = e instanceof ApiError ? e.detail : String(e)
    notice.value = { id: action.key, text }
  }

  async function run(action: PendingAction, call: () => Promise<unknown>) {
    pending.value = [...pending.value, action]
    try {
      settle(action, await call())
    } catch (e) {
      refuse(action, e)
    }
  }

  /** Move a ticket to index `to` (0 = head), as dropped. */
  function move(ticket: number, to: number): Promise<void> {
    const from = tickets.value.findIndex((t) => t.id === ticket)
    if (from < 0 || from === to) return Promise.resolve()
    const action: PendingAction = { key: ++keys, ticket, kind: 'move', to, seq: null }
    return run(action, () => api.move(ticket, to))
  }

  function remove(ticket: number): Promise<void> {
    const action: PendingAction = { key: ++keys, ticket, kind: 'remove', to: -1, seq: null }
    return run(action, () => api.removeTicket(ticket))
  }

  /** Quick information of one runner: shown while it loads, and if loading fails. */
  async function openInfo(runner: number) {
    info.value = { runner, summary: null, error: null }
    try {
      const summary = await api.summary(runner)
      if (info.value?.runner === runner) info.value = { runner, summary, error: null }
    } catch (e) {
      const error = e instanceof ApiError ? e.detail : String(e)
      if (info.value?.runner === runner) info.value = { runner, summary: null, error }
    }
  }

  function closeInfo() {
    info.value = null
  }

  return { tickets, pending, notice, info, move, remove, openInfo, closeInfo }
})
