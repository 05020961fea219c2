// Searching a runner and opening their laps.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createVuetify } from 'vuetify'

import { queryApi } from '@/api/query'
import type { Lap, Runner } from '@/api/types'
import { stubBrowser } from '@/components/control/testing'
import i18n from '@/plugins/i18n'

import RunnerSearchTool from './RunnerSearchTool.vue'

vi.mock('@/api', () => ({ api: { stats: vi.fn(), queue: vi.fn() } }))
vi.mock('@/api/query', () => ({ queryApi: { searchRunners: vi.fn(), runnerLaps: vi.fn() } }))
stubBrowser()

const ada: Runner = {
  id: 1,
  first_name: 'Ada',
  last_name: '<i>Lovelace</i>',
  identification: 'r0123456',
  university: 1,
  group: 2,
  group_detail: { id: 2, name: 'Medica' },
  test_time: 200,
  first_year: true,
  shifts: [],
  points: 12,
  registered_at: '2026-05-01T10:00:00Z',
}
const laps: Lap[] = [
  {
    id: 9,
    runner: null,
    ticket: null,
    start: '2026-05-01T12:00:00Z',
    end: '2026-05-01T12:04:10Z',
    duration: 250,
    points: 7,
    raining: false,
    suspect: false,
  },
  {
    id: 8,
    runner: null,
    ticket: null,
    start: '2026-05-01T11:00:00Z',
    end: '2026-05-01T11:03:50Z',
    duration: 230,
    points: 5,
    raining: true,
    suspect: false,
  },
]

beforeEach(() => {
  vi.useFakeTimers()
  setActivePinia(createPinia())
  vi.mocked(queryApi.searchRunners).mockResolvedValue({
    count: 1,
    next: null,
    previous: null,
    results: [ada],
  })
  vi.mocked(queryApi.runnerLaps).mockResolvedValue({ count: 2, next: null, previous: null, results: laps })
})
afterEach(() => vi.useRealTimers())

describe('RunnerSearchTool', () => {
  it('invites a search before anything is typed', () => {
    const wrapper = mount(RunnerSearchTool, { global: { plugins: [createVuetify(), i18n] } })
    expect(wrapper.get('[data-test="query-results"]').text()).toContain('Type a name or a student ID')
  })

  it('finds runners as you type and shows their laps and points on a click', async () => {
    const wrapper = mount(RunnerSearchTool, { global: { plugins: [createVuetify(), i18n] } })
    await wrapper.get('[data-test="query-search"] input').setValue('ada')
    await vi.advanceTimersByTimeAsync(400)
    await flushPromises()
    expect(queryApi.searchRunners).toHaveBeenCalledWith('ada')
    const results = wrapper.get('[data-test="query-results"]')
    expect(results.text()).toContain('Ada <i>Lovelace</i>') // a name is text, never markup
    expect(results.text()).toContain('r0123456')
    expect(results.text()).toContain('12')

    await results.get('tbody tr').trigger('click')
    await flushPromises()
    expect(queryApi.runnerLaps).toHaveBeenCalledWith(1)
    const lapsText = wrapper.get('[data-test="runner-laps"]').text()
    expect(lapsText).toContain('2 laps · best 3:50 · 12 points')
    expect(lapsText).toContain('4:10')
  })

  it('says so when nobody matches', async () => {
    vi.mocked(queryApi.searchRunners).mockResolvedValue({ count: 0, next: null, previous: null, results: [] })
    const wrapper = mount(RunnerSearchTool, { global: { plugins: [createVuetify(), i18n] } })
    await wrapper.get('[data-test="query-search"] input').setValue('zzz')
    await vi.advanceTimersByTimeAsync(400)
    await flushPromises()
    expect(wrapper.get('[data-test="query-results"]').text()).toContain('Nobody matches “zzz”')
  })
})
