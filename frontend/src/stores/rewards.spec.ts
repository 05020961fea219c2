import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '@/api/http'
import type { Reward, RewardPublic, Stats } from '@/api/types'

vi.mock('@/api', () => ({
  api: {
    stats: vi.fn(
      async () => ({ seq: 10, settings: null, current: null, queue: [], last_laps: [] }) as unknown as Stats,
    ),
    queue: vi.fn(async () => ({ seq: 10, results: [] })),
  },
}))
vi.mock('@/api/checkins', () => ({
  checkinsApi: { dueRewards: vi.fn(), rewards: vi.fn(), handOut: vi.fn() },
}))

const { checkinsApi } = await import('@/api/checkins')
const { useRaceStore } = await import('./race')
const { useRewardsStore } = await import('./rewards')

const lotte = {
  id: 5,
  first_name: 'Lotte',
  last_name: 'Peeters',
  university: 1,
  group: null,
  first_year: false,
}
const reward = (id: number, extra: Partial<Reward> = {}): Reward => ({
  id,
  runner: lotte,
  milestone: { id: 1, laps: 4, reward: 'T-shirt' },
  lap: 100 + id,
  reached_at: `2026-03-14T0${id}:00:00Z`,
  handed_out_at: null,
  handed_out_by: null,
  unearned: false,
  ...extra,
})
const pub = (reward: Reward): RewardPublic => {
  const copy: Partial<Reward> = { ...reward }
  delete copy.handed_out_by
  return copy as RewardPublic
}

async function started() {
  const race = useRaceStore()
  await race.reload() // seq 10: the events below follow on
  const store = useRewardsStore()
  return { race, store }
}

describe('the rewards store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  it('lists the due rewards newest first and the unearned ones apart', async () => {
    const out = reward(3, { handed_out_at: '2026-03-14T04:00:00Z', handed_out_by: 'admin', unearned: true })
    vi.mocked(checkinsApi.dueRewards).mockResolvedValue([reward(1), reward(2)])
    vi.mocked(checkinsApi.rewards).mockResolvedValue([reward(1), reward(2), out])
    const { store } = await started()
    await store.list()
    expect(store.due.map((r) => r.id)).toEqual([2, 1])
    expect(store.unearned.map((r) => r.id)).toEqual([3])
    expect(store.loaded).toBe(true)
  })

  it('follows the reward events: a new one due, one handed out, one taken back', async () => {
    vi.mocked(checkinsApi.dueRewards).mockResolvedValue([reward(1)])
    vi.mocked(checkinsApi.rewards).mockResolvedValue([reward(1)])
    const { race, store } = await started()
    await store.list()
    race.apply({ type: 'reward_due', seq: 11, reward: pub(reward(2)) })
    expect(store.due.map((r) => r.id)).toEqual([2, 1])
    expect(store.notices.map((n) => n.reward.id)).toEqual([2])
    expect(store.latestNotice?.reward.id).toBe(2)
    race.apply({
      type: 'reward_handed_out',
      seq: 12,
      reward: pub(reward(1, { handed_out_at: '2026-03-14T05:00:00Z' })),
    })
    expect(store.due.map((r) => r.id)).toEqual([2])
    race.apply({ type: 'reward_withdrawn', seq: 13, reward: pub(reward(2)), deleted: true })
    expect(store.due).toEqual([])
    expect(store.latestNotice).toBeNull() // undo took it back: no notice for it
  })

  it('loads again when a milestone changes (who is due is recomputed)', async () => {
    vi.mocked(checkinsApi.dueRewards).mockResolvedValue([])
    vi.mocked(checkinsApi.rewards).mockResolvedValue([])
    const { race, store } = await started()
    await store.list()
    expect(checkinsApi.dueRewards).toHaveBeenCalledTimes(1)
    race.apply({ type: 'data_changed', seq: 11, model: 'group', id: 1, action: 'update' })
    race.apply({ type: 'data_changed', seq: 12, model: 'milestone', id: 1, action: 'update' })
    race.apply({ type: 'data_changed', seq: 13, model: 'milestone', id: 2, action: 'update' })
    await vi.runAllTimersAsync()
    expect(checkinsApi.dueRewards).toHaveBeenCalledTimes(2) // one load for the burst, none for a group
  })

  it('hands a reward out once, however often it is pressed, and shows who did', async () => {
    vi.mocked(checkinsApi.dueRewards).mockResolvedValue([reward(1)])
    vi.mocked(checkinsApi.rewards).mockResolvedValue([reward(1)])
    let answer: (value: Reward & { seq: number }) => void = () => {}
    vi.mocked(checkinsApi.handOut).mockReturnValue(new Promise((resolve) => (answer = resolve)))
    const { store } = await started()
    await store.list()
    const first = store.handOut(1)
    void store.handOut(1)
    expect(store.handing.has(1)).toBe(true)
    answer({ ...reward(1, { handed_out_at: '2026-03-14T05:00:00Z', handed_out_by: 'admin' }), seq: 11 })
    await first
    expect(checkinsApi.handOut).toHaveBeenCalledTimes(1)
    expect(store.handing.has(1)).toBe(false)
    expect(store.due).toEqual([])
    expect(store.rewards[1].handed_out_by).toBe('admin')
  })

  it('says why a hand-out failed and keeps the reward due', async () => {
    vi.mocked(checkinsApi.dueRewards).mockResolvedValue([reward(1)])
    vi.mocked(checkinsApi.rewards).mockResolvedValue([reward(1)])
    vi.mocked(checkinsApi.handOut).mockRejectedValue(
      new ApiError(403, 'Staff only.', 'permission_denied', {}),
    )
    const { store } = await started()
    await store.list()
    await store.handOut(1)
    expect(store.handOutError).toBe('Staff only.')
    expect(store.due.map((r) => r.id)).toEqual([1])
  })

  it('is refused for a spectator, and still shows the notices of the events', async () => {
    vi.mocked(checkinsApi.dueRewards).mockRejectedValue(new ApiError(403, 'No.', 'permission_denied', {}))
    vi.mocked(checkinsApi.rewards).mockRejectedValue(new ApiError(403, 'No.', 'permission_denied', {}))
    const { race, store } = await started()
    await store.list()
    expect(store.refused).toBe(true)
    expect(store.loaded).toBe(false)
    race.apply({ type: 'reward_due', seq: 11, reward: pub(reward(2)) })
    expect(store.notices).toHaveLength(1)
  })
})
