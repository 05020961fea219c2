import { beforeEach } from 'vitest'

import { installFakeLocks } from './locks'

// jsdom lacks what Vuetify's overlays measure with; give them harmless stand-ins.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver

// jsdom has no Web Locks either (the control outbox's one sender at a time): fresh ones per test.
beforeEach(() => {
  installFakeLocks()
})
