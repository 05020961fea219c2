// What jsdom lacks and Vuetify's overlays (dialogs, menus) use; imported by the component specs.
import { vi } from 'vitest'

class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

export function stubBrowser() {
  vi.stubGlobal('ResizeObserver', globalThis.ResizeObserver ?? NoResizeObserver)
  vi.stubGlobal(
    'visualViewport',
    globalThis.visualViewport ?? {
      width: 1280,
      height: 800,
      offsetLeft: 0,
      offsetTop: 0,
      pageLeft: 0,
      pageTop: 0,
      scale: 1,
      addEventListener() {},
      removeEventListener() {},
    },
  )
}
