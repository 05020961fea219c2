// NEXT LAP and UNDO in a real component tree: clicks, keys, the double-click gate, the undo dialog.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { createVuetify } from 'vuetify'

import { api } from '@/api'
import { ApiError } from '@/api/http'
import type { Lap } from '@/api/types'
import i18n from '@/plugins/i18n'
import { useControlStore } from '@/stores/control'
import { useRaceStore } from '@/stores/race'

import ControlButtons from './ControlButtons.vue'
import { stubBrowser } from './testing'

stubBrowser()

vi.mock('@/api', () => ({
  api: { advance: vi.fn(), reverse: vi.fn(), stats: vi.fn(), queue: vi.fn() },
}))

const SERVER_NOW = Date.parse('2026-05-01T12:10:00Z')
vi.mock('@/composables/useServerClock', () => ({
  syncClock: vi.fn(),
  useServerClock: () => ({
    offset: ref(0),
    roundTrip: ref(10),
    serverNow: ref(SERVER_NOW),
    nowOnServer: () => SERVER_NOW,
  }),
}))

const advance = vi.mocked(api.advance)
const reverse = vi.mocked(api.reverse)

function lap(id: number, first_name = 'Ada'): Lap {
  return {
    id,
    runner: { id, first_name, last_name: 'Runner', university: 1, group: null, first_year: false },
    ticket: id,
    start: '2026-05-01T12:05:00Z',
    end: null,
    duration: null,
    points: null,
    raining: false,
    suspect: false,
  }
}

let clock = 0
let wrapper: ReturnType<typeof mount> | null = null

function setup(doubleClickMs = 300) {
  setActivePinia(createPinia())
  const race = useRaceStore()
  race.state = {
    ...race.state,
    seq: 1,
    current: lap(10),
    recent: [{ ...lap(9, 'Bea'), end: '2026-05-01T12:05:00Z' }],
  }
  wrapper = mount(ControlButtons, {
    props: { doubleClickMs },
    attachTo: document.body,
    global: { plugins: [createVuetify(), i18n] },
  })
  return { wrapper, control: useControlStore() }
}

const key = (k: string, init: KeyboardEventInit = {}, target: EventTarget = window) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }))

const byTest = (hook: string) => document.querySelector<HTMLElement>(`[data-test="${hook}"]`)

beforeEach(() => {
  localStorage.clear()
  advance.mockReset().mockResolvedValue({ finished: lap(10), started: lap(11), seq: 2 })
  reverse.mockReset().mockResolvedValue({ removed: lap(10), resumed: lap(9), seq: 2 })
  clock = 1000
  vi.spyOn(performance, 'now').mockImplementation(() => clock)
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('ControlButtons', () => {
  it('presses next lap at the click, timed on the server clock, expecting the lap on screen', async () => {
    const { wrapper } = setup()
    await wrapper.get('[data-test="next-lap"]').trigger('click')
    await flushPromises()
    expect(advance).toHaveBeenCalledTimes(1)
    expect(advance.mock.calls[0][0]).toMatchObject({
      expected_lap: 10,
      at: new Date(SERVER_NOW).toISOString(),
      force: false,
    })
  })

  it('counts a double click as one press, and two deliberate presses as two', async () => {
    const { wrapper, control } = setup()
    const button = wrapper.get('[data-test="next-lap"]')
    advance.mockImplementation(() => new Promise(() => undefined)) // keep them in the outbox
    await button.trigger('click')
    clock += 120
    await button.trigger('click')
    expect(control.pendingCount).toBe(1)
    clock += 1000
    await button.trigger('click')
    expect(control.pendingCount).toBe(2)
  })

  it('takes Space and N for next lap, but not a held key or a key typed into a field', async () => {
    const { control } = setup()
    advance.mockImplementation(() => new Promise(() => undefined))
    key(' ')
    expect(control.pendingCount).toBe(1)
    clock += 500
    key(' ', { repeat: true })
    expect(control.pendingCount).toBe(1)
    const input = document.body.appendChild(document.createElement('input'))
    key('n', {}, input)
    expect(control.pendingCount).toBe(1)
    key('n')
    expect(control.pendingCount).toBe(2)
  })

  it('keeps Space from scrolling or clicking the focused button', () => {
    setup()
    const event = new KeyboardEvent('keydown', { key: ' ', cancelable: true })
    window.dispatchEvent(event)
    expect(event.defaultPrevented).toBe(true)
  })

  it('asks before undoing and undoes once on confirm', async () => {
    const { wrapper } = setup()
    await wrapper.get('[data-test="undo"]').trigger('click')
    await flushPromises()
    expect(reverse).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('The running lap of Ada Runner is removed')
    expect(document.body.textContent).toContain('The lap of Bea Runner runs again')

    byTest('confirm-undo')!.click()
    await flushPromises()
    expect(reverse).toHaveBeenCalledTimes(1)
    expect(reverse.mock.calls[0][0]).toMatchObject({ expected_lap: 10 })
  })

  it('undoes with U and Enter, and a second Enter is not a second undo', async () => {
    setup()
    key('u')
    await flushPromises()
    expect(byTest('confirm-undo')).not.toBeNull()
    key(' ') // Space while the dialog is open is no next lap
    key('Enter')
    key('Enter')
    await flushPromises()
    expect(reverse).toHaveBeenCalledTimes(1)
    expect(advance).not.toHaveBeenCalled()
  })

  it('does not undo when the dialog is cancelled', async () => {
    const { wrapper } = setup()
    await wrapper.get('[data-test="undo"]').trigger('click')
    await flushPromises()
    byTest('cancel-undo')!.click()
    await flushPromises()
    expect(reverse).not.toHaveBeenCalled()
  })

  it('takes Backspace for undo too', async () => {
    setup()
    key('Backspace')
    await flushPromises()
    expect(byTest('confirm-undo')).not.toBeNull()
  })

  it('holds new presses while a refusal waits for an answer', async () => {
    advance.mockReset().mockRejectedValueOnce(new ApiError(409, 'too soon', 'too_soon', {}))
    const { wrapper, control } = setup()
    await wrapper.get('[data-test="next-lap"]').trigger('click')
    await flushPromises()
    expect(control.refusal?.code).toBe('too_soon')
    clock += 1000
    key('n')
    await wrapper.get('[data-test="next-lap"]').trigger('click')
    expect(advance).toHaveBeenCalledTimes(1)
    expect(wrapper.get('[data-test="next-lap"]').attributes('disabled')).toBeDefined()
  })
})
