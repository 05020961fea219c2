import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { T0, lap, mountOptions, runner, settings, ticket } from '@/components/stats/testing'
import { useRaceStore } from '@/stores/race'

import FullscreenView from './FullscreenView.vue'

const clock = vi.hoisted(() => ({ now: null as unknown as { value: number } }))
vi.mock('@/composables/useServerClock', async () => {
  const { computed, ref } = await import('vue')
  clock.now = ref(0)
  return { useServerClock: () => ({ serverNow: computed(() => clock.now.value) }) }
})

const ann = runner(1, 'Ann')
const bob = runner(2, 'Bob', 'Claes', null)
const cas = runner(3, 'Cas')

function setup(overrides: Partial<ReturnType<typeof settings>> = {}) {
  const options = mountOptions()
  const race = useRaceStore()
  clock.now.value = T0 + 125_000
  race.state = {
    seq: 5,
    current: lap(9, ann, 0, null),
    queue: [ticket(1, bob, 0), ticket(2, cas, 1)],
    recent: [lap(8, cas, -200, 187.4)],
    settings: settings(overrides),
  }
  race.averageLap = 250
  return { wrapper: mount(FullscreenView, { ...options, attachTo: document.body }), race }
}

describe('FullscreenView', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    vi.setSystemTime(T0)
  })
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('shows previous, current (with a live timer) and next runner', async () => {
    const { wrapper } = setup()
    expect(wrapper.get('[data-test="fs-previous"]').text()).toContain('Cas Peeters')
    expect(wrapper.get('[data-test="fs-previous"]').text()).toContain('3:07')
    expect(wrapper.get('[data-test="fs-current-runner"]').text()).toBe('Ann Peeters')
    expect(wrapper.get('[data-test="fs-timer"]').text()).toBe('2:05')
    expect(wrapper.get('[data-test="fs-next"]').text()).toContain('Bob Claes')
    expect(wrapper.get('[data-test="fs-next"]').text()).toContain('Then: Cas Peeters')
    clock.now.value += 1000
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[data-test="fs-timer"]').text()).toBe('2:06')
  })

  it('hides the time left without a race end', () => {
    const { wrapper } = setup()
    expect(wrapper.find('[data-test="fs-time-left"]').exists()).toBe(false)
  })

  it('counts down to the race end, then says finished', async () => {
    const end = new Date(T0 + 125_000 + 3_600_000).toISOString()
    const { wrapper } = setup({ race_end: end })
    expect(wrapper.get('[data-test="fs-time-left"]').text()).toContain('1:00:00')
    clock.now.value += 3_600_000
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[data-test="fs-time-left"]').text()).toContain('Finished')
  })

  it('has friendly lines when nothing runs, nobody waits and no lap is done', async () => {
    const { wrapper, race } = setup()
    race.state = { ...race.state, current: null, queue: [], recent: [] }
    await wrapper.vm.$nextTick()
    expect(wrapper.find('[data-test="fs-current-runner"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="fs-timer"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Waiting for the next runner')
    expect(wrapper.get('[data-test="fs-previous"]').text()).toContain('No laps yet')
    expect(wrapper.get('[data-test="fs-next"]').text()).toContain('Queue is empty')
  })

  it('celebrates a personal best for a few seconds', async () => {
    const { wrapper, race } = setup()
    expect(wrapper.find('[data-test="fs-celebration"]').exists()).toBe(false)
    race.lastPersonalBest = { runner: cas.id, lap: 8, at: Date.now() }
    await wrapper.vm.$nextTick()
    const banner = wrapper.get('[data-test="fs-celebration"]')
    expect(banner.text()).toContain('Personal best!')
    expect(banner.text()).toContain('Cas Peeters')
    expect(banner.text()).toContain('3:07')
    vi.advanceTimersByTime(6000)
    await wrapper.vm.$nextTick()
    expect(wrapper.find('[data-test="fs-celebration"]').exists()).toBe(false)
  })

  it('does not replay an old personal best when the page opens later', () => {
    const options = mountOptions()
    const race = useRaceStore()
    race.state = { seq: 1, current: null, queue: [], recent: [lap(8, cas, -200, 187)], settings: settings() }
    race.lastPersonalBest = { runner: cas.id, lap: 8, at: Date.now() - 60_000 }
    const wrapper = mount(FullscreenView, options)
    expect(wrapper.find('[data-test="fs-celebration"]').exists()).toBe(false)
  })

  it('shows the staff banner itself, as it covers the app', () => {
    const { wrapper } = setup({ banner: 'Pizza at midnight' })
    expect(wrapper.get('[data-test="fs-banner"]').text()).toContain('Pizza at midnight')
  })
})
