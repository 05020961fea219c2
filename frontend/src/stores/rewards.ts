// Milestone rewards: everyone with a reward due and the handed-out ones that lost their lap (the
// rewards page, for staff and the volunteer), kept live by the reward events; and the rewards
// reached while this page is open (notices on control and the kiosk, the projector's banner).
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'

import { checkinsApi } from '@/api/checkins'
import { ApiError } from '@/api/http'
import type { RaceEvent, RewardEvent } from '@/api/types'
import {
  applyNotice,
  applyRewardEvent,
  asRewardEvent,
  dueRewards,
  merge,
  unearnedRewards,
  type RewardMap,
  type RewardNotice,
} from '@/lib/rewards'

import { useRaceStore } from './race'

const RELOAD_MS = 300

function message(e: unknown): string {
  return e instanceof ApiError ? e.detail : (e as Error).message
}

export const useRewardsStore = defineStore('rewards', () => {
  const race = useRaceStore()
  const rewards = shallowRef<RewardMap>({})
  const notices = shallowRef<RewardNotice[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const refused = ref(false)
  /** Rewards whose hand-out is on its way (one press each). */
  const handing = ref<Set<number>>(new Set())
  const handOutError = ref<string | null>(null)

  let listing = false // the page shows the lists: load them, and again when they may be stale
  let running: Promise<void> | null = null
  let again = false
  let buffered: RewardEvent[] = []
  let reloadTimer: ReturnType<typeof setTimeout> | null = null

  function onEvent(event: RaceEvent) {
    const reward = asRewardEvent(event)
    if (reward) {
      notices.value = applyNotice(notices.value, reward, Date.now())
      if (running) buffered.push(reward) // applied again on top of the list on its way
      rewards.value = applyRewardEvent(rewards.value, reward)
      return
    }
    // A milestone's lap count changed: who is due is recomputed on the server.
    if (event.type === 'data_changed' && event.model === 'milestone') scheduleLoad()
  }

  /** Load both lists; a call while one is on its way loads once more after it. */
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
          buffered = []
          try {
            const [due, all] = await Promise.all([checkinsApi.dueRewards(), checkinsApi.rewards()])
            const next: RewardMap = {}
            for (const r of all) next[r.id] = merge(undefined, r)
            for (const r of due) next[r.id] = merge(undefined, r)
            rewards.value = buffered.reduce(applyRewardEvent, next)
            loaded.value = true
            error.value = null
            refused.value = false
          } catch (e) {
            error.value = message(e)
            refused.value = e instanceof ApiError && (e.status === 401 || e.status === 403)
          }
        } while (again)
      } finally {
        buffered = []
        loading.value = false
        running = null
      }
    })()
    return running
  }

  function scheduleLoad() {
    if (!listing || reloadTimer) return
    reloadTimer = setTimeout(() => {
      reloadTimer = null
      void load()
    }, RELOAD_MS)
  }

  let started = false
  /** Follow the reward events (every page that shows rewards calls this; it runs once). */
  function start() {
    if (started) return
    started = true
    race.listen({ event: onEvent, reloaded: scheduleLoad })
  }

  /** The rewards page is open: load the lists and keep them live. */
  function list() {
    start()
    listing = true
    return load()
  }

  /** Staff: the reward was handed out. Pressing again is harmless (the server answers the same). */
  async function handOut(id: number) {
    if (handing.value.has(id)) return
    handing.value = new Set([...handing.value, id])
    handOutError.value = null
    try {
      const answer = await checkinsApi.handOut(id)
      const reward = merge(rewards.value[id], answer)
      rewards.value = { ...rewards.value, [id]: reward }
      notices.value = notices.value.map((n) => (n.reward.id === id ? { ...n, reward } : n))
    } catch (e) {
      handOutError.value = message(e)
    } finally {
      const rest = new Set(handing.value)
      rest.delete(id)
      handing.value = rest
    }
  }

  /** Staff read the notices: the card empties (the rewards stay due on the rewards page). */
  function dismissNotices() {
    notices.value = []
  }

  const due = computed(() => dueRewards(rewards.value))
  const unearned = computed(() => unearnedRewards(rewards.value))
  /** The latest reward reached while the page is open (the kiosk's short notice). */
  const latestNotice = computed(() => notices.value.find((n) => !n.withdrawn) ?? null)

  return {
    rewards,
    notices,
    due,
    unearned,
    latestNotice,
    loaded,
    loading,
    error,
    refused,
    handing,
    handOutError,
    start,
    list,
    load,
    handOut,
    dismissNotices,
  }
})
