import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { mountOptions } from '@/components/stats/testing'
import type { Celebration } from '@/lib/fullscreen'

import CelebrationBanner from './CelebrationBanner.vue'

const best = (name: string, duration: number, key = Date.now()): Celebration => ({ key, name, duration })
const reward = (name: string, key = Date.now()): Celebration => ({
  key,
  id: `reward:${name}`,
  kind: 'reward',
  name,
  laps: 4,
  reward: 'T-shirt',
})

describe('CelebrationBanner', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    vi.setSystemTime(1_000_000)
  })
  afterEach(() => vi.useRealTimers())

  it('shows the runner and time with confetti, and goes away after six seconds', async () => {
    const { global } = mountOptions()
    const wrapper = mount(CelebrationBanner, {
      props: { celebrations: [best('Ann Peeters', 99.2)] },
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

  it('shows the next personal best when the last one has had its seconds', async () => {
    const { global } = mountOptions()
    const ann = best('Ann Peeters', 99)
    const wrapper = mount(CelebrationBanner, { props: { celebrations: [ann] }, global })
    vi.advanceTimersByTime(4000)
    await wrapper.setProps({ celebrations: [ann, best('Bob Claes', 120)] })
    expect(wrapper.get('[data-test="fs-celebration"]').text()).toContain('Ann Peeters')
    vi.advanceTimersByTime(4000)
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[data-test="fs-celebration"]').text()).toContain('Bob Claes')
  })

  it('celebrates a milestone after the personal best of the same lap, never instead of it', async () => {
    const { global } = mountOptions()
    const wrapper = mount(CelebrationBanner, {
      props: { celebrations: [best('Lotte Peeters', 95), reward('Lotte Peeters', Date.now() + 5)] },
      global,
    })
    const banner = () => wrapper.find('[data-test="fs-celebration"]')
    expect(banner().attributes('data-kind')).toBe('best')
    expect(banner().text()).toContain('1:35')
    vi.advanceTimersByTime(6000)
    await wrapper.vm.$nextTick()
    expect(banner().attributes('data-kind')).toBe('reward')
    expect(banner().text()).toContain('Milestone reached!')
    expect(banner().text()).toContain('4 laps — T-shirt')
    vi.advanceTimersByTime(6000)
    await wrapper.vm.$nextTick()
    expect(banner().exists()).toBe(false)
  })

  it('shows nothing without anything to celebrate, nor for one that is over', () => {
    const { global } = mountOptions()
    const wrapper = mount(CelebrationBanner, {
      props: { celebrations: [null, best('Old Best', 80, Date.now() - 60_000)] },
      global,
    })
    expect(wrapper.find('[data-test="fs-celebration"]').exists()).toBe(false)
  })
})
