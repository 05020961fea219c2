// The next runners, the skip button and the low-queue warning.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createVuetify } from 'vuetify'

import { api } from '@/api'
import type { Ticket } from '@/api/types'
import i18n from '@/plugins/i18n'
import { useRaceStore } from '@/stores/race'

import NextRunnersCard from './NextRunnersCard.vue'
import { stubBrowser } from './testing'

vi.mock('@/api', () => ({ api: { skip: vi.fn(), stats: vi.fn(), queue: vi.fn() } }))
stubBrowser()

const ticket = (id: number): Ticket => ({
  id,
  position: id - 1,
  created_at: '2026-05-01T12:00:00Z',
  runner: { id, first_name: `R${id}`, last_name: 'Runner', university: 1, group: null, first_year: false },
})

function setup(count: number) {
  setActivePinia(createPinia())
  const race = useRaceStore()
  race.state = { ...race.state, seq: 1, queue: Array.from({ length: count }, (_, i) => ticket(i + 1)) }
  return mount(NextRunnersCard, { global: { plugins: [createVuetify(), i18n] } })
}

beforeEach(() => {
  vi.mocked(api.skip)
    .mockReset()
    .mockResolvedValue({ ...ticket(1), seq: 1 })
})

describe('NextRunnersCard', () => {
  it('shows the first five of the queue and how many more wait', () => {
    const wrapper = setup(8)
    expect(wrapper.findAll('[data-test="next-runner"]')).toHaveLength(5)
    expect(wrapper.text()).toContain('+ 3 more')
    expect(wrapper.find('[data-test="queue-low-warning"]').exists()).toBe(false)
  })

  it('skips the head of the queue three places', async () => {
    const wrapper = setup(5)
    await wrapper.get('[data-test="skip"]').trigger('click')
    await flushPromises()
    expect(api.skip).toHaveBeenCalledWith(1, 3)
  })

  it('warns when the queue is low and when it is empty', () => {
    expect(setup(2).get('[data-test="queue-low-warning"]').text()).toContain('Only 2 runners')
    expect(setup(0).get('[data-test="queue-low-warning"]').text()).toContain('The queue is empty')
  })
})
