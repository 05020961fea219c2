import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'

const fake = vi.hoisted(() => {
  class Workbox {
    static last: Workbox | null = null
    listeners = new Map<string, ((event: object) => void)[]>()
    register = vi.fn(async () => undefined)
    update = vi.fn(async () => undefined)
    constructor(
      public url: string,
      public options: object,
    ) {
      Workbox.last = this
    }
    addEventListener(type: string, listener: (event: object) => void) {
      this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
    }
    emit(type: string, event: object) {
      this.listeners.get(type)?.forEach((listener) => listener(event))
    }
  }
  return { Workbox }
})
vi.mock('workbox-window', () => ({ Workbox: fake.Workbox }))

const reload = vi.fn()
const assign = vi.fn()

async function load() {
  vi.resetModules()
  const sw = await import('./serviceWorker')
  sw.setNavigation({ reload, assign })
  const page = { render: () => null }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/control', component: page },
      { path: '/queue', component: page },
    ],
  })
  const worker = sw.registerServiceWorker(router)
  await router.push('/control')
  return { sw, router, worker, workbox: fake.Workbox.last! }
}

/** navigator.serviceWorker: the worker that controls the page, and its changes. */
class Container extends EventTarget {
  controller: object | null = null
  active: object | null = null
  async getRegistration() {
    return this.active ? { active: this.active } : undefined
  }
  /** A worker (the first, or a new version) takes control of the page. */
  takeOver() {
    this.controller = this.active = {}
    this.dispatchEvent(new Event('controllerchange'))
  }
}
let container: Container

beforeEach(() => {
  reload.mockClear()
  assign.mockClear()
  container = new Container()
  container.controller = container.active = {} // the page was loaded by a worker
  Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: container })
})

afterEach(() => {
  delete (navigator as { serviceWorker?: unknown }).serviceWorker
  vi.useRealTimers()
})

describe('the service worker', () => {
  it('is registered from the root, for every page of the app', async () => {
    const { workbox } = await load()
    expect(workbox.url).toBe('/sw.js')
    expect(workbox.options).toEqual({ scope: '/' })
    expect(workbox.register).toHaveBeenCalled()
  })

  it('is not there over plain http on a LAN address (no service workers): the app runs online', async () => {
    delete (navigator as { serviceWorker?: unknown }).serviceWorker
    const { worker } = await load()
    expect(worker).toBeNull()
  })

  it('leaves the page alone when it is the first worker of this browser, and reloads at the next', async () => {
    container.controller = container.active = null // the first visit
    const { sw } = await load()
    container.takeOver()
    expect(sw.updateReady.value).toBe(false)
    expect(reload).not.toHaveBeenCalled()
    container.takeOver() // hours later, a deploy
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('counts a new worker as an update on a page loaded without one while the browser had one', async () => {
    container.controller = null // a hard reload (Shift+F5) bypasses the worker
    const { sw } = await load()
    await Promise.resolve()
    container.takeOver()
    expect(sw.updateReady.value).toBe(true)
  })

  it('reloads a page that holds nothing into the new version at once', async () => {
    const { sw } = await load()
    container.takeOver()
    expect(sw.updateReady.value).toBe(true)
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('lets a busy page run on, and reloads it once it is idle', async () => {
    vi.useFakeTimers()
    const { sw } = await load()
    let busy = true
    const scope = effectScope()
    scope.run(() => sw.useUpdateHold(() => busy))
    container.takeOver()
    await vi.advanceTimersByTimeAsync(30_000)
    expect(reload).not.toHaveBeenCalled()
    busy = false
    await vi.advanceTimersByTimeAsync(5_000) // checked again now and then
    expect(reload).toHaveBeenCalledTimes(1)
    scope.stop()
  })

  it('waits while something is typed in the field that has the focus (a search, a password)', async () => {
    vi.useFakeTimers()
    const { sw } = await load()
    const field = document.createElement('input')
    document.body.append(field)
    field.focus()
    field.value = 'zoë'
    container.takeOver()
    expect(sw.updateReady.value).toBe(true)
    expect(reload).not.toHaveBeenCalled()
    field.value = '' // the kiosk's empty scan input holds nothing
    await vi.advanceTimersByTimeAsync(5_000)
    expect(reload).toHaveBeenCalledTimes(1)
    field.remove()
  })

  it('reloads a held page when it is hidden, or when the page that held it goes', async () => {
    const { sw } = await load()
    let shown = true
    const scope = effectScope()
    scope.run(() => sw.useUpdateHold(() => shown))
    container.takeOver()
    expect(reload).not.toHaveBeenCalled()
    shown = false
    document.dispatchEvent(new Event('visibilitychange'))
    expect(reload).toHaveBeenCalledTimes(1)

    const again = await load()
    const other = effectScope()
    other.run(() => again.sw.useUpdateHold(() => true))
    container.takeOver()
    other.stop()
    expect(reload).toHaveBeenCalledTimes(2)
  })

  it('loads the next page in full from the new version instead of changing page inside the old one', async () => {
    const { sw, router } = await load()
    const scope = effectScope()
    scope.run(() => sw.useUpdateHold(() => true))
    container.takeOver()
    await router.push('/queue')
    expect(assign).toHaveBeenCalledWith('/queue')
    expect(router.currentRoute.value.path).toBe('/control')
    scope.stop()
  })

  it('checks for a new version now and then: a projector runs for 24 hours without a reload', async () => {
    vi.useFakeTimers()
    const { workbox } = await load()
    await vi.advanceTimersByTimeAsync(60 * 60_000)
    expect(workbox.update).toHaveBeenCalledTimes(4)
  })
})
