// The refusal box: each answer explained, with the action that resolves it.
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

import RefusalBox from './RefusalBox.vue'
import { stubBrowser } from './testing'

vi.mock('@/api', () => ({
  api: { advance: vi.fn(), reverse: vi.fn(), stats: vi.fn(), queue: vi.fn() },
}))

stubBrowser()
const advance = vi.mocked(api.advance)
const reverse = vi.mocked(api.reverse)

function lap(id: number, first_name: string, start = '2026-05-01T12:00:00Z'): Lap {
  return {
    id,
    runner: { id, first_name, last_name: 'Runner', university: 1, group: null, first_year: false },
    ticket: id,
    start,
    end: null,
    duration: null,
    points: null,
    raining: false,
    suspect: false,
  }
}

async function refused(error: ApiError, kind: 'advance' | 'reverse' = 'advance') {
  setActivePinia(createPinia())
  const race = useRaceStore()
  race.state = { ...race.state, seq: 1, current: lap(10, 'Ada') }
  race.state.settings = { min_lap_time: 30, time_zone: 'UTC' } as never
  const control = useControlStore()
  if (kind === 'advance') advance.mockReset().mockRejectedValueOnce(error)
  else reverse.mockReset().mockRejectedValueOnce(error)
  control.press(kind, Date.parse('2026-05-01T12:00:12.500Z'))
  await flushPromises()
  const wrapper = mount(RefusalBox, { global: { plugins: [createVuetify(), i18n] } })
  return { wrapper, control, race }
}

beforeEach(() => localStorage.clear())

describe('RefusalBox', () => {
  it('shows nothing without a refusal', () => {
    setActivePinia(createPinia())
    const wrapper = mount(RefusalBox, { global: { plugins: [createVuetify(), i18n] } })
    expect(wrapper.find('[data-test="refusal"]').exists()).toBe(false)
  })

  it('offers "record anyway" for a too-short lap and sends it forced', async () => {
    const { wrapper } = await refused(new ApiError(409, 'This lap would last only 12.5 s', 'too_soon', {}))
    expect(wrapper.get('[data-test="refusal"]').text()).toContain('This lap would last only 12.5 s')
    expect(wrapper.text()).toContain('minimum lap time of 30 s')
    advance.mockResolvedValueOnce({ finished: null, started: lap(11, 'Bea'), seq: 3 })
    await wrapper.get('[data-test="record-anyway"]').trigger('click')
    await flushPromises()
    expect(advance).toHaveBeenCalledTimes(2)
    expect(advance.mock.calls[1][0].force).toBe(true)
    expect(wrapper.find('[data-test="refusal"]').exists()).toBe(false)
  })

  it("takes a too-short lap's seconds from the refusal's fields, never from its message", async () => {
    const { wrapper } = await refused(
      new ApiError(409, 'Trop court : 99 s.', 'too_soon', { elapsed: 7.25, min_lap_time: 45 }),
    )
    expect(wrapper.get('[data-test="refusal"]').text()).toContain('This lap would last only 7.25 s')
    expect(wrapper.text()).toContain('minimum lap time of 45 s')
    expect(wrapper.text()).not.toContain('99')
  })

  it('explains a stale state with the runner who really runs, and goes back to the live state', async () => {
    const current = lap(15, 'Cas', '2026-05-01T12:03:04Z')
    const { wrapper, control, race } = await refused(
      new ApiError(409, 'moved on', 'stale_state', { current }),
    )
    const reload = vi.spyOn(race, 'reload').mockResolvedValue()
    expect(wrapper.get('[data-test="refusal"]').text()).toContain('Another press was recorded first')
    expect(wrapper.get('[data-test="refusal-current"]').text()).toContain('Cas Runner')
    expect(wrapper.get('[data-test="refusal-current"]').text()).toContain('12:03:04')
    await wrapper.get('[data-test="refusal-ok"]').trigger('click')
    expect(control.refusal).toBeNull()
    expect(reload).toHaveBeenCalled()
  })

  it('explains that there is nothing to undo', async () => {
    const { wrapper } = await refused(new ApiError(409, 'nothing', 'nothing_to_undo', {}), 'reverse')
    expect(wrapper.get('[data-test="refusal"]').text()).toContain('Nothing to undo')
    await wrapper.get('[data-test="refusal-ok"]').trigger('click')
    expect(wrapper.find('[data-test="refusal"]').exists()).toBe(false)
  })

  it("shows the server's message for other refusals", async () => {
    const { wrapper } = await refused(
      new ApiError(400, 'The press time is 5 s in the future; check the clock.', 'press_time_in_future', {}),
    )
    expect(wrapper.get('[data-test="refusal"]').text()).toContain('check the clock')
  })
})
