import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'

import { useScreenWakeLock } from './useScreenWakeLock'

/** The browser's side of a wake lock: it can let go by itself (a hidden page). */
class Sentinel extends EventTarget {
  released = false
  async release() {
    if (this.released) return
    this.released = true
    this.dispatchEvent(new Event('release'))
  }
}

let visibility: DocumentVisibilityState = 'visible'
let sentinels: Sentinel[] = []
const request = vi.fn(async (type: string) => {
  expect(type).toBe('screen')
  const sentinel = new Sentinel()
  sentinels.push(sentinel)
  return sentinel
})

function setVisibility(state: DocumentVisibilityState) {
  visibility = state
  document.dispatchEvent(new Event('visibilitychange'))
}

let lock: ReturnType<typeof useScreenWakeLock>
const Page = defineComponent({
  setup() {
    lock = useScreenWakeLock()
    return () => h('div')
  },
})

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

beforeEach(() => {
  visibility = 'visible'
  sentinels = []
  request.mockClear()
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility })
  Object.defineProperty(navigator, 'wakeLock', { configurable: true, value: { request } })
})

afterEach(() => {
  delete (navigator as { wakeLock?: unknown }).wakeLock
})

describe('useScreenWakeLock', () => {
  it('keeps the screen on while the page is shown, and lets go when it goes', async () => {
    const page = mount(Page)
    await flush()
    expect(request).toHaveBeenCalledTimes(1)
    expect(lock.active.value).toBe(true)
    page.unmount()
    expect(sentinels[0].released).toBe(true)
  })

  it('takes the lock again when the page is shown again (the browser drops it when hidden)', async () => {
    const page = mount(Page)
    await flush()
    setVisibility('hidden')
    await sentinels[0].release() // what the browser does
    expect(lock.active.value).toBe(false)
    setVisibility('visible')
    await flush()
    expect(request).toHaveBeenCalledTimes(2)
    expect(lock.active.value).toBe(true)
    page.unmount()
  })

  it('asks once while a request is on its way, and never while hidden', async () => {
    visibility = 'hidden'
    const page = mount(Page)
    await flush()
    expect(request).not.toHaveBeenCalled()
    setVisibility('visible')
    setVisibility('visible')
    await flush()
    expect(request).toHaveBeenCalledTimes(1)
    page.unmount()
  })

  it('lets go of a lock granted after the page was left', async () => {
    let grant: (sentinel: Sentinel) => void = () => {}
    request.mockImplementationOnce(() => new Promise((resolve) => (grant = resolve)))
    const page = mount(Page)
    page.unmount()
    const late = new Sentinel()
    grant(late)
    await flush()
    expect(late.released).toBe(true)
  })

  it('works on without a wake lock: refused, or a browser without one', async () => {
    request.mockRejectedValueOnce(new DOMException('battery saver', 'NotAllowedError'))
    const refused = mount(Page)
    await flush()
    expect(lock.active.value).toBe(false)
    refused.unmount()

    delete (navigator as { wakeLock?: unknown }).wakeLock
    const without = mount(Page)
    await flush()
    expect(lock.supported).toBe(false)
    without.unmount()
  })
})
