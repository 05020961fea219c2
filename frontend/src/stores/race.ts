// The live race: the statistics snapshot plus every event applied in order on top of it.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'

import { api } from '@/api'
import type { ChartPoint, Lap, Leaderboards, QueueSnapshot, RaceEvent, Stats } from '@/api/types'
import { useEventStream } from '@/composables/useEventStream'
import {
  aheadOf,
  applyEvent,
  judge,
  REFRESHES_BOARDS,
  RECENT_LAPS,
  stateFromStats,
  type Answer,
  type RaceState,
} from '@/lib/race'
import { loadSnapshot, saveSnapshot } from '@/lib/snapshot'

/** `syncing`: connected, but the page's data is not yet at the server's newest event. */
export type LiveStatus = 'connecting' | 'syncing' | 'open' | 'lost'

/** Another store that follows the stream: every event applied in order, and every fresh snapshot
 * (a gap, a resync, a reconnect that was reset): what it derived from the events may be stale. */
export interface RaceListener {
  event?: (event: RaceEvent) => void
  reloaded?: () => void
}

const BOARD_REFRESH_MS = 400
const SAVE_EVERY_MS = 2000

export const useRaceStore = defineStore('race', () => {
  const state = shallowRef<RaceState>({ seq: -1, current: null, queue: [], recent: [], settings: null })
  const boards = shallowRef<Leaderboards | null>(null)
  const chart = shallowRef<ChartPoint[]>([])
  const totalLaps = ref(0)
  const averageLap = ref<number | null>(null)
  const loadedAt = ref<number | null>(null)
  const error = ref<string | null>(null)
  const lastPersonalBest = ref<{ runner: number; lap: number; at: number } | null>(null)

  // What the server answered to this page's own command, ahead of the events that will confirm
  // it: the page shows it at once, and the events take over when they reach its seq.
  const answer = shallowRef<Answer | null>(null)
  const reloading = ref(false)

  let loading: Promise<void> | null = null
  const listeners = new Set<RaceListener>()
  let buffered: RaceEvent[] = []
  let boardTimer: ReturnType<typeof setTimeout> | null = null
  let saveTimer: ReturnType<typeof setTimeout> | null = null
  // Reloaded without a network: the data is the last one this browser kept, from this moment.
  const restoredAt = ref<number | null>(null)
  const heardLive = ref(false)

  const stream = useEventStream({ seq: () => Math.max(state.value.seq, 0), onEvent, onReset: reload })

  function adopt(stats: Stats, queue: QueueSnapshot) {
    // Two snapshots, two seqs: start from the older one. Events between them are applied again,
    // which every event allows (they set, insert or remove by id).
    state.value = { ...stateFromStats(stats), queue: queue.results, seq: Math.min(stats.seq, queue.seq) }
    boards.value = stats.leaderboards
    chart.value = stats.chart
    totalLaps.value = stats.total_laps
    averageLap.value = stats.average_lap
    loadedAt.value = Date.now()
    restoredAt.value = null
    save() // at once: the Wi-Fi may drop a second after the page opened
  }

  /** Keep the page's data in the browser (lib/snapshot.ts). */
  function save() {
    if (restoredAt.value !== null || state.value.seq < 0) return // nothing new from the server
    saveSnapshot({
      at: Date.now(),
      state: state.value,
      boards: boards.value,
      chart: chart.value,
      totalLaps: totalLaps.value,
      averageLap: averageLap.value,
    })
  }

  /** After an event: at most every two seconds, however busy the race. */
  function scheduleSave() {
    saveTimer ??= setTimeout(() => {
      saveTimer = null
      save()
    }, SAVE_EVERY_MS)
  }

  /** The server cannot be reached and the page has nothing yet: show what this browser last knew. */
  function restore() {
    const saved = state.value.seq < 0 ? loadSnapshot() : null
    if (!saved) return
    state.value = saved.state
    boards.value = saved.boards
    chart.value = saved.chart
    totalLaps.value = saved.totalLaps
    averageLap.value = saved.averageLap
    loadedAt.value = saved.at
    restoredAt.value = saved.at
  }

  /** Load the snapshot; events that arrive meanwhile are applied after it. */
  function reload(): Promise<void> {
    loading ??= (async () => {
      reloading.value = true
      try {
        const [stats, queue] = await Promise.all([api.stats(), api.queue()])
        adopt(stats, queue)
        error.value = null
        const from = state.value.seq
        const pending = buffered.filter((e) => e.seq > from).sort((a, b) => a.seq - b.seq)
        buffered = []
        listeners.forEach((l) => l.reloaded?.())
        pending.forEach(apply)
      } catch (e) {
        error.value = (e as Error).message
        restore()
      }
    })().finally(() => {
      loading = null
      reloading.value = false
    })
    return loading
  }

  function onEvent(event: RaceEvent) {
    if (loading) {
      buffered.push(event)
      return
    }
    apply(event)
  }

  function apply(event: RaceEvent) {
    const verdict = judge(state.value.seq, event)
    if (verdict === 'duplicate') return
    if (verdict === 'gap') {
      buffered.push(event)
      void reload() // we missed something: start again from a fresh snapshot
      return
    }
    const before = state.value
    state.value = applyEvent(before, event)
    restoredAt.value = null // the stream took over from the kept data, at its seq
    scheduleSave()
    if (event.type === 'resync') {
      // A fix in the admin that no other event describes: load the snapshot again, after a load
      // in progress (which may have read the data before the fix).
      void (loading ?? Promise.resolve()).then(reload)
      return
    }
    if (event.type === 'settings_changed' && before.settings) {
      if (event.settings.reload_token !== before.settings.reload_token) window.location.reload()
    }
    trackChart(event)
    if (REFRESHES_BOARDS.has(event.type)) scheduleBoards()
    listeners.forEach((l) => l.event?.(event))
  }

  /** Follow the applied events (shift board, rewards); returns the way to stop. */
  function listen(listener: RaceListener): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  function trackChart(event: RaceEvent) {
    if (event.type === 'lap_finished') {
      const lap = event.lap
      if (!lap.end || lap.duration === null) return
      chart.value = [
        ...chart.value.filter((p) => p.lap !== lap.id),
        { lap: lap.id, end: lap.end, duration: lap.duration },
      ].slice(-RECENT_LAPS)
      totalLaps.value += 1
      // The server knows every earlier lap of the runner: it says whether this one beats them all.
      if (event.personal_best && lap.runner) {
        lastPersonalBest.value = { runner: lap.runner.id, lap: lap.id, at: Date.now() }
      }
    } else if (event.type === 'lap_resumed') {
      const lap = event.lap
      chart.value = chart.value.filter((p) => p.lap !== lap.id)
      totalLaps.value = Math.max(0, totalLaps.value - 1)
    }
  }

  function scheduleBoards() {
    if (boardTimer) return
    boardTimer = setTimeout(async () => {
      boardTimer = null
      try {
        const stats = await api.stats()
        // Only the derived numbers: the live state stays with the events. The last laps too when
        // the answer is exactly as new as the events (after an undo the list is one short).
        boards.value = stats.leaderboards
        totalLaps.value = stats.total_laps
        averageLap.value = stats.average_lap
        if (stats.seq === state.value.seq && state.value.recent.length < stats.last_laps.length) {
          state.value = { ...state.value, recent: stats.last_laps }
        }
      } catch {
        // the next event or reconnect tries again
      }
    }, BOARD_REFRESH_MS)
  }

  let started = false
  /** Load the snapshot and go live; pages call this, it runs once. */
  async function start() {
    if (started) return
    started = true
    await reload()
    stream.start()
  }

  /** The answer to this page's own command, shown until the events catch up with it. */
  function adoptAnswer(next: Answer) {
    if (next.seq > (answer.value?.seq ?? -1)) answer.value = next
  }

  // One source of truth for what runs: the events, or this page's newer answer.
  const shown = computed(() => aheadOf(state.value, answer.value))
  const current = computed<Lap | null>(() => shown.value.current)
  const queue = computed(() => state.value.queue)
  const recent = computed(() => shown.value.recent)
  const status = computed<LiveStatus>(() => {
    if (stream.status.value !== 'open') return stream.status.value
    return reloading.value || state.value.seq < stream.newest.value ? 'syncing' : 'open'
  })
  const settings = computed(() => state.value.settings)
  watch(stream.status, (value) => {
    if (value === 'open') heardLive.value = true
  })
  // How old the data is: from the stream once it has spoken on this page, else from the kept data.
  const lastHeard = computed(() =>
    heardLive.value || restoredAt.value === null ? stream.lastHeard.value : restoredAt.value,
  )
  const seq = computed(() => state.value.seq)

  return {
    state,
    seq,
    current,
    queue,
    recent,
    settings,
    boards,
    chart,
    totalLaps,
    averageLap,
    loadedAt,
    error,
    lastPersonalBest,
    status,
    lastHeard,
    restoredAt,
    start,
    reload,
    apply,
    adoptAnswer,
    listen,
  }
})
