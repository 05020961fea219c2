import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { mountOptions } from '@/components/stats/testing'
import i18n from '@/plugins/i18n'

import FullscreenButton from './FullscreenButton.vue'

let element: Element | null = null

function define(target: object, name: string, get: () => unknown) {
  Object.defineProperty(target, name, { configurable: true, get })
}

beforeEach(() => {
  element = null
  define(document, 'fullscreenEnabled', () => true)
  define(document, 'fullscreenElement', () => element)
  define(document, 'exitFullscreen', () => async () => {
    element = null
    document.dispatchEvent(new Event('fullscreenchange'))
  })
  define(document.documentElement, 'requestFullscreen', () => async () => {
    element = document.documentElement
    document.dispatchEvent(new Event('fullscreenchange'))
  })
})

afterEach(() => {
  for (const name of ['fullscreenEnabled', 'fullscreenElement', 'exitFullscreen']) {
    delete (document as unknown as Record<string, unknown>)[name]
  }
  delete (document.documentElement as unknown as Record<string, unknown>).requestFullscreen
})

const label = (wrapper: ReturnType<typeof mount>) =>
  wrapper.get('[data-test="fullscreen-toggle"]').attributes('aria-label')

describe('FullscreenButton', () => {
  it('is named for what it does, in English and in Dutch', async () => {
    const wrapper = mount(FullscreenButton, mountOptions())
    expect(label(wrapper)).toBe('Full screen')
    await wrapper.get('button').trigger('click')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(label(wrapper)).toBe('Exit full screen')
    i18n.global.locale.value = 'nl'
    await wrapper.vm.$nextTick()
    expect(label(wrapper)).toBe('Volledig scherm verlaten')
    await wrapper.get('button').trigger('click')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(label(wrapper)).toBe('Volledig scherm')
    i18n.global.locale.value = 'en'
  })

  it('is not there where the browser has no full screen', () => {
    define(document, 'fullscreenEnabled', () => false)
    const wrapper = mount(FullscreenButton, mountOptions())
    expect(wrapper.find('[data-test="fullscreen-toggle"]').exists()).toBe(false)
  })
})
