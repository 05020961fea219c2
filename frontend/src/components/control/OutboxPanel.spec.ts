// Pending presses and the last answer, as the organiser sees them.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createVuetify } from 'vuetify'

import { api } from '@/api'
import { ApiError } from '@/api/http'
import type { Lap } from '@/api/types'
import i18n from '@/plugins/i18n'
import { useControlStore } from '@/stores/control'
import { useRaceStore } from '@/stores/race'

import OutboxPanel from './OutboxPanel.vue'
import { stubBrowser } from './testing'

vi.mock('@/api', () => ({
  api: { advance: vi.fn(), reverse: vi.fn(), stats: vi.fn(), queue: vi.fn() },
}))

stubBrowser()
const advance = vi.mocked(api.advance)

const started: Lap = {
  id: 11,
  runner: { id: 3, first_name: 'Bea', last_name: 'Runner', university: 1, group: null, first_year: false },
  ticket: 3,
  start: '2026-05-01T12:00:30Z',
  end: null,
  duration: null,
  points: null,
  raining: false,
  suspect: false,
}

function setup() {
  setActivePinia(createPinia())
  const race = useRaceStore()
  race.state = { ...race.state, seq: 1, current: { ...started, id: 10 } }
  race.state.settings = { time_zone: 'UTC' } as never
  const wrapper = mount(OutboxPanel, { global: { plugins: [createVuetify(), i18n] } })
  return { wrapper, control: useControlStore() }
}

beforeEach(() => {
  localStorage.clear()
  advance.mockReset()
})

describe('OutboxPanel', () => {
  it('shows the pending count also when nothing waits', () => {
    const { wrapper } = setup()
    expect(wrapper.get('[data-test="pending-count"]').text()).toContain('0')
  })

  it('lists presses that wait for the server, with their press times', async () => {
    advance.mockRejectedValue(new ApiError(0, 'offline', 'offline', {}))
    const { wrapper, control } = setup()
    control.press('advance', Date.parse('2026-05-01T12:00:30Z'))
    control.press('advance', Date.parse('2026-05-01T12:04:45Z'))
    await flushPromises()
    expect(wrapper.get('[data-test="pending-count"]').text()).toContain('2 presses waiting to be sent')
    const list = wrapper.get('[data-test="pending-list"]').text()
    expect(list).toContain('12:00:30')
    expect(list).toContain('12:04:45')
  })

  it('shows at once who started', async () => {
    advance.mockResolvedValue({ finished: null, started, seq: 2 })
    const { wrapper, control } = setup()
    control.press('advance', Date.parse('2026-05-01T12:00:30Z'))
    await flushPromises()
    expect(wrapper.get('[data-test="press-result"]').text()).toContain('Bea Runner started')
    expect(wrapper.get('[data-test="pending-count"]').text()).toContain('0')
  })
})
