import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { Me, Reward } from '@/api/types'
import { mountOptions } from '@/components/stats/testing'
import { stubBrowser } from '@/components/control/testing'

vi.mock('@/api', () => ({ api: { stats: vi.fn(), queue: vi.fn(), me: vi.fn() } }))
vi.mock('@/api/checkins', () => ({
  checkinsApi: { dueRewards: vi.fn(), rewards: vi.fn(), handOut: vi.fn() },
}))
vi.mock('vue-router', () => ({ useRoute: () => ({ fullPath: '/rewards' }) }))

const { checkinsApi } = await import('@/api/checkins')
const { useAuthStore } = await import('@/stores/auth')
const { useRaceStore } = await import('@/stores/race')
const RewardsView = (await import('./RewardsView.vue')).default

const person = (id: number, first: string, last: string) => ({
  id,
  first_name: first,
  last_name: last,
  university: 1,
  group: { id: 1, name: 'Geos' },
  first_year: false,
})
const reward = (id: number, who: ReturnType<typeof person>, extra: Partial<Reward> = {}): Reward => ({
  id,
  runner: who,
  milestone: { id: 1, laps: 4, reward: 'T-shirt' },
  lap: 10 + id,
  reached_at: `2026-03-14T0${id}:00:00Z`,
  handed_out_at: null,
  handed_out_by: null,
  unearned: false,
  ...extra,
})
const lotte = reward(1, person(1, 'Lotte', 'Peeters'))
const zoe = reward(2, person(2, 'Zoë', 'Claes'))
const flagged = reward(3, person(3, 'Bram', 'Maes'), {
  handed_out_at: '2026-03-14T04:00:00Z',
  handed_out_by: 'admin',
  unearned: true,
})

function me(permissions: string[]): Me {
  return { user: { id: 1, username: 'admin' } as Me['user'], roles: [], permissions }
}

async function mountPage(permissions: string[]) {
  const { global } = mountOptions()
  useAuthStore().me = me(permissions)
  const race = useRaceStore()
  race.state = { ...race.state, seq: 10 }
  const wrapper = mount(RewardsView, { global })
  await flushPromises()
  return { wrapper, race }
}

describe('the rewards page', () => {
  beforeEach(() => {
    stubBrowser()
    vi.clearAllMocks()
    vi.mocked(checkinsApi.dueRewards).mockResolvedValue([lotte, zoe])
    vi.mocked(checkinsApi.rewards).mockResolvedValue([lotte, zoe, flagged])
  })
  afterEach(() => vi.unstubAllGlobals())

  it('lists everyone with a reward due, newest first, with a hand-out button for staff', async () => {
    const { wrapper } = await mountPage(['rest_list_reward', 'rest_handout_reward'])
    expect(wrapper.findAll('h1')).toHaveLength(1)
    const rows = wrapper.findAll('[data-test="rewards-due"] [data-test="reward-row"]')
    expect(rows.map((r) => r.attributes('data-reward-id'))).toEqual(['2', '1'])
    expect(rows[1].text()).toContain('Lotte Peeters')
    expect(rows[1].text()).toContain('T-shirt')
    expect(rows[1].text()).toContain('4 laps')
    const button = rows[1].get('[data-test="hand-out"]')
    expect(button.attributes('aria-label')).toBe('Hand out T-shirt to Lotte Peeters')
  })

  it('hands a reward out and takes it off the list', async () => {
    vi.mocked(checkinsApi.handOut).mockResolvedValue({
      ...lotte,
      handed_out_at: '2026-03-14T05:00:00Z',
      handed_out_by: 'admin',
      seq: 11,
    })
    const { wrapper } = await mountPage(['rest_list_reward', 'rest_handout_reward'])
    await wrapper.get('[data-reward-id="1"] [data-test="hand-out"]').trigger('click')
    await flushPromises()
    expect(checkinsApi.handOut).toHaveBeenCalledWith(1)
    expect(wrapper.find('[data-test="rewards-due"] [data-reward-id="1"]').exists()).toBe(false)
  })

  it('flags the handed-out rewards whose lap was taken away', async () => {
    const { wrapper } = await mountPage(['rest_list_reward'])
    const box = wrapper.get('[data-test="rewards-unearned"]')
    expect(box.text()).toContain('Handed out, but no longer earned (1)')
    expect(box.text()).toContain('Bram Maes')
    expect(box.text()).toContain('by admin')
  })

  it('is read-only for the volunteer', async () => {
    const { wrapper } = await mountPage(['rest_list_reward'])
    expect(wrapper.find('[data-test="hand-out"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('staff hand them out')
  })

  it('finds a runner without minding accents', async () => {
    const { wrapper } = await mountPage(['rest_list_reward'])
    await wrapper.get('[data-test="rewards-filter"] input').setValue('zoe')
    const rows = wrapper.findAll('[data-test="rewards-due"] [data-test="reward-row"]')
    expect(rows.map((r) => r.attributes('data-reward-id'))).toEqual(['2'])
  })

  it('follows the events live', async () => {
    const { wrapper, race } = await mountPage(['rest_list_reward'])
    const bram = reward(5, person(5, 'Bram', 'Maes'))
    race.apply({ type: 'reward_due', seq: 11, reward: bram })
    race.apply({ type: 'reward_withdrawn', seq: 12, reward: { ...lotte }, deleted: true })
    await flushPromises()
    const rows = wrapper.findAll('[data-test="rewards-due"] [data-test="reward-row"]')
    expect(rows.map((r) => r.attributes('data-reward-id'))).toEqual(['5', '2'])
  })
})
