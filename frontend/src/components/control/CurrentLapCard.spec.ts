// The runner on the track: live timer, the lost-runner warning, unassigned laps.
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { createVuetify } from 'vuetify'

import type { Lap } from '@/api/types'
import i18n from '@/plugins/i18n'
import { useRaceStore } from '@/stores/race'

import CurrentLapCard from './CurrentLapCard.vue'
import { stubBrowser } from './testing'

vi.mock('@/api', () => ({ api: { stats: vi.fn(), queue: vi.fn() } }))
const NOW = Date.parse('2026-05-01T12:10:00Z')
vi.mock('@/composables/useServerClock', () => ({
  useServerClock: () => ({ offset: ref(0), roundTrip: ref(5), serverNow: ref(NOW), nowOnServer: () => NOW }),
}))
stubBrowser()

function setup(lap: Lap | null, averageLap: number | null = 200) {
  setActivePinia(createPinia())
  const race = useRaceStore()
  race.state = { ...race.state, seq: 1, current: lap }
  race.averageLap = averageLap
  return mount(CurrentLapCard, { global: { plugins: [createVuetify(), i18n] } })
}

const lap = (start: string, named = true): Lap => ({
  id: 4,
  runner: named
    ? { id: 1, first_name: 'Ada', last_name: '<b>Runner</b>', university: 1, group: null, first_year: false }
    : null,
  ticket: null,
  start,
  end: null,
  duration: null,
  points: null,
  raining: false,
  suspect: false,
})

describe('CurrentLapCard', () => {
  it('shows the runner as text and the time since the lap started on the server clock', () => {
    const wrapper = setup(lap('2026-05-01T12:07:55Z'))
    expect(wrapper.get('[data-test="current-runner"]').text()).toBe('Ada <b>Runner</b>')
    expect(wrapper.get('[data-test="control-timer"]').text()).toBe('2:05')
    expect(wrapper.find('[data-test="lost-warning"]').exists()).toBe(false)
  })

  it('warns that the runner may be lost past twice the average lap', () => {
    const wrapper = setup(lap('2026-05-01T12:03:00Z'), 200) // 7:00 > 2 × 3:20
    expect(wrapper.get('[data-test="lost-warning"]').text()).toContain('may be lost')
  })

  it('offers to assign an unassigned lap', () => {
    const wrapper = setup(lap('2026-05-01T12:07:55Z', false))
    expect(wrapper.get('[data-test="current-runner"]').text()).toBe('Unassigned runner')
    expect(wrapper.find('[data-test="assign-current"]').exists()).toBe(true)
  })

  it('says when no lap runs', () => {
    const wrapper = setup(null)
    expect(wrapper.get('[data-test="current-runner"]').text()).toBe('No lap is running')
  })
})
