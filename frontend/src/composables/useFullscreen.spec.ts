import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'

import { useFullscreen } from './useFullscreen'

let element: Element | null = null
const requestFullscreen = vi.fn(async () => {
  element = document.documentElement
  document.dispatchEvent(new Event('fullscreenchange'))
})
const exitFullscreen = vi.fn(async () => {
  element = null
  document.dispatchEvent(new Event('fullscreenchange'))
})

function define(target: object, name: string, get: () => unknown) {
  Object.defineProperty(target, name, { configurable: true, get })
}

beforeEach(() => {
  element = null
  requestFullscreen.mockClear()
  exitFullscreen.mockClear()
  define(document, 'fullscreenEnabled', () => true)
  define(document, 'fullscreenElement', () => element)
  define(document, 'exitFullscreen', () => exitFullscreen)
  define(document.documentElement, 'requestFullscreen', () => requestFullscreen)
})

afterEach(() => {
  for (const name of ['fullscreenEnabled', 'fullscreenElement', 'exitFullscreen']) {
    delete (document as unknown as Record<string, unknown>)[name]
  }
  delete (document.documentElement as unknown as Record<string, unknown>).requestFullscreen
})

function use() {
  const scope = effectScope()
  const fullscreen = scope.run(useFullscreen)!
  return { ...fullscreen, stop: () => scope.stop() }
}

describe('useFullscreen', () => {
  it('puts the whole page in full screen and back', async () => {
    const { active, toggle, stop } = use()
    expect(active.value).toBe(false)
    await toggle()
    expect(requestFullscreen).toHaveBeenCalledTimes(1)
    expect(active.value).toBe(true)
    await toggle()
    expect(exitFullscreen).toHaveBeenCalledTimes(1)
    expect(active.value).toBe(false)
    stop()
  })

  it('follows the browser when full screen ends another way (Esc)', async () => {
    const { active, toggle, stop } = use()
    await toggle()
    element = null
    document.dispatchEvent(new Event('fullscreenchange'))
    expect(active.value).toBe(false)
    stop()
  })

  it('stays as it was when the browser refuses', async () => {
    requestFullscreen.mockRejectedValueOnce(new TypeError('not allowed'))
    const { active, toggle, stop } = use()
    await toggle()
    expect(active.value).toBe(false)
    stop()
  })

  it('does nothing where the browser has no full screen (a phone in a kiosk frame)', async () => {
    define(document, 'fullscreenEnabled', () => false)
    const { supported, toggle, stop } = use()
    expect(supported).toBe(false)
    await toggle()
    expect(requestFullscreen).not.toHaveBeenCalled()
    stop()
  })
})
