import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { mountOptions } from '@/components/stats/testing'

import CelebrationBanner from './CelebrationBanner.vue'

describe('CelebrationBanner', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    vi.setSystemTime(1_000_000)
  })
  afterEach(() => vi.useRealTimers())

  it('shows the runner and time with confetti, and goes away after six seconds', async () => {
    const { global } = mountOptions()
    const wrapper = mount(CelebrationBanner, {
      props: { celebration: { key: Date.now(), name: 'Ann Peeters', duration: 99.2 } },
      global,
    })
    expect(wrapper.get('[data-test="fs-celebration"]').text()).toContain('Ann Peeters')
    expect(wrapper.text()).toContain('1:39')
    expect(wrapper.findAll('.confetti').length).toBeGreaterThan(20)
    vi.advanceTimersByTime(5999)
    await wrapper.vm.$nextTick()
    expect(wrapper.find('[data-test="fs-celebration"]').exists()).toBe(true)
    vi.advanceTimersByTime(1)
    await wrapper.vm.$nextTick()
    expect(wrapper.find('[data-test="fs-celebration"]').exists()).toBe(false)
  })

  it('starts again for the next personal best', async () => {
    const { global } = mountOptions()
    const wrapper = mount(CelebrationBanner, {
      props: { celebration: { key: Date.now(), name: 'Ann Peeters', duration: 99 } },
      global,
    })
    vi.advanceTimersByTime(4000)
    await wrapper.setProps({ celebration: { key: Date.now(), name: 'Bob Claes', duration: 120 } })
    vi.advanceTimersByTime(4000)
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[data-test="fs-celebration"]').text()).toContain('Bob Claes')
  })

  it('shows nothing without a personal best', () => {
    const { global } = mountOptions()
    const wrapper = mount(CelebrationBanner, { props: { celebration: null }, global })
    expect(wrapper.find('[data-test="fs-celebration"]').exists()).toBe(false)
  })
})
