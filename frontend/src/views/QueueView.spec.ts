import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createVuetify } from 'vuetify'

import type { Ticket } from '@/api/types'
import i18n from '@/plugins/i18n'

vi.mock('@/api', () => ({
  api: { move: vi.fn(), removeTicket: vi.fn(), summary: vi.fn() },
}))
// What Vuetify's overlays need and jsdom lacks.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver
globalThis.visualViewport ??= Object.assign(new EventTarget(), {
  width: 1024,
  height: 768,
  scale: 1,
}) as VisualViewport

const { api } = await import('@/api')
const { useAuthStore } = await import('@/stores/auth')
const { useRaceStore } = await import('@/stores/race')
const QueueView = (await import('./QueueView.vue')).default

const group = { id: 3, name: 'Geos' }
const runner = (id: number, first: string, last: string) => ({
  id,
  first_name: first,
  last_name: last,
  university: 1,
  group: id === 12 ? group : null,
  first_year: false,
})
const queue: Ticket[] = [
  { id: 101, position: 0, created_at: '', runner: runner(11, 'Arne', 'Pauwels') },
  { id: 102, position: 1, created_at: '', runner: runner(12, 'Lien', 'De Smet') },
  { id: 103, position: 2, created_at: '', runner: runner(13, '<b>Jens</b>', 'Van de Velde') },
]

let wrapper: ReturnType<typeof mount> | null = null

function mountQueue(permissions: string[] = [], tickets = queue) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().me = { user: null, roles: [], permissions }
  const race = useRaceStore()
  race.state = { ...race.state, seq: 1, queue: tickets }
  race.loadedAt = Date.now()
  wrapper = mount(QueueView, { global: { plugins: [pinia, createVuetify(), i18n] }, attachTo: document.body })
  return wrapper
}

describe('the queue page', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    i18n.global.locale.value = 'en'
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
    document.body.innerHTML = ''
  })

  it('shows every waiting runner in order, names as text', () => {
    const page = mountQueue()
    const cards = page.findAll('[data-test=queue-card]')
    expect(cards.map((c) => c.attributes('data-ticket-id'))).toEqual(['101', '102', '103'])
    expect(cards[0].text()).toContain('Arne Pauwels')
    expect(cards[1].text()).toContain('Geos')
    expect(cards[2].text()).toContain('<b>Jens</b> Van de Velde')
    expect(cards[2].find('b').exists()).toBe(false)
  })

  it('offers no handle and no remove button to the public', () => {
    const page = mountQueue()
    expect(page.find('[data-test=queue-handle]').exists()).toBe(false)
    expect(page.find('[data-test=queue-remove]').exists()).toBe(false)
  })

  it('lets staff remove a runner after confirming', async () => {
    vi.mocked(api.removeTicket).mockResolvedValue({ id: 102, seq: 2 })
    const page = mountQueue(['rest_move_queueticket', 'rest_destroy_queueticket'])
    expect(page.findAll('[data-test=queue-handle]')).toHaveLength(3)
    await page.findAll('[data-test=queue-remove]')[1].trigger('click')
    await flushPromises()
    const confirm = document.querySelector<HTMLElement>('[data-test=queue-remove-confirm]')
    expect(document.querySelector('[data-test=queue-remove-dialog]')?.textContent).toContain('Lien De Smet')
    confirm!.click()
    await flushPromises()
    expect(api.removeTicket).toHaveBeenCalledWith(102)
    expect(page.findAll('[data-test=queue-card]').map((c) => c.attributes('data-ticket-id'))).toEqual([
      '101',
      '103',
    ])
  })

  it('opens the quick information of a runner', async () => {
    vi.mocked(api.summary).mockResolvedValue({
      runner: queue[1].runner,
      lap_count: 4,
      points: 12,
      best_lap: 181.2,
      last_lap: null,
      group,
      position: 1,
      estimated_start: '2026-05-06T20:15:00Z',
      running: false,
      test_time: 200,
    })
    const page = mountQueue()
    await page.findAll('[data-test=queue-card]')[1].trigger('click')
    await flushPromises()
    expect(api.summary).toHaveBeenCalledWith(12)
    const info = document.querySelector('[data-test=quick-info]')!
    expect(info.textContent).toContain('Lien De Smet')
    expect(info.querySelector('[data-test=quick-info-laps]')?.textContent).toContain('4')
    expect(info.querySelector('[data-test=quick-info-best]')?.textContent).toContain('3:01')
    expect(info.querySelector('[data-test=quick-info-test]')?.textContent).toContain('3:20')
    expect(info.querySelector('[data-test=quick-info-position]')?.textContent).toContain('#2')
  })

  it('says so when nobody is waiting', () => {
    const page = mountQueue([], [])
    expect(page.find('[data-test=queue-empty]').exists()).toBe(true)
    expect(page.find('[data-test=queue-card]').exists()).toBe(false)
  })

  describe('with the keyboard', () => {
    const staff = ['rest_move_queueticket', 'rest_destroy_queueticket']
    const order = (page: ReturnType<typeof mount>) =>
      page.findAll('[data-test=queue-card]').map((c) => c.attributes('data-ticket-id'))
    const card = (page: ReturnType<typeof mount>, id: number) =>
      page.get(`[data-ticket-id="${id}"] [data-test=queue-open]`)
    const press = async (page: ReturnType<typeof mount>, id: number, key: string, altKey = false) => {
      const target = card(page, id)
      ;(target.element as HTMLElement).focus()
      await target.trigger('keydown', { key, altKey })
      await flushPromises()
    }
    const focusedTicket = () =>
      (document.activeElement as HTMLElement | null)
        ?.closest('[data-test=queue-card]')
        ?.getAttribute('data-ticket-id')

    it('makes every card a focusable button in the tab order, described by the key hint', () => {
      const page = mountQueue(staff)
      const buttons = page.findAll('[data-test=queue-open]')
      expect(buttons).toHaveLength(3)
      for (const button of buttons) {
        expect(button.attributes('role')).toBe('button')
        expect(button.attributes('tabindex')).toBe('0')
        expect(document.getElementById(button.attributes('aria-describedby')!)?.textContent).toContain(
          'Alt+↑',
        )
      }
    })

    it('moves the focused card one place with Alt+arrows through the same store action, focus and all', async () => {
      vi.mocked(api.move).mockResolvedValue({ ...queue[1], position: 0, seq: 2 })
      const page = mountQueue(staff)
      await press(page, 102, 'ArrowUp', true)
      expect(api.move).toHaveBeenCalledTimes(1)
      expect(api.move).toHaveBeenCalledWith(102, 0)
      expect(order(page)).toEqual(['102', '101', '103'])
      expect(focusedTicket()).toBe('102')
      expect(page.get('[data-test=queue-announce]').text()).toBe('Lien De Smet moved to position 1')

      await press(page, 102, 'End', true)
      expect(api.move).toHaveBeenLastCalledWith(102, 2)
      expect(order(page)).toEqual(['101', '103', '102'])
      expect(focusedTicket()).toBe('102')
    })

    it('does not move a card past either end, nor with a held key', async () => {
      const page = mountQueue(staff)
      await press(page, 101, 'ArrowUp', true)
      await press(page, 103, 'ArrowDown', true)
      const target = card(page, 102)
      await target.trigger('keydown', { key: 'ArrowUp', altKey: true, repeat: true })
      expect(api.move).not.toHaveBeenCalled()
    })

    it('moves the focus between cards with the arrows, without moving anything', async () => {
      const page = mountQueue(staff)
      await press(page, 101, 'ArrowDown')
      expect(focusedTicket()).toBe('102')
      await press(page, 102, 'End')
      expect(focusedTicket()).toBe('103')
      expect(api.move).not.toHaveBeenCalled()
    })

    it('moves a card to a typed place with M', async () => {
      vi.mocked(api.move).mockResolvedValue({ ...queue[0], position: 2, seq: 2 })
      const page = mountQueue(staff)
      await press(page, 101, 'm')
      const dialog = document.querySelector('[data-test=queue-move-dialog]')!
      expect(dialog.textContent).toContain('Move Arne Pauwels')
      const input = dialog.querySelector<HTMLInputElement>('[data-test=queue-move-place] input')!
      expect(input.value).toBe('1')
      input.value = '3'
      input.dispatchEvent(new Event('input'))
      await flushPromises()
      dialog.querySelector('form')!.dispatchEvent(new Event('submit'))
      await flushPromises()
      expect(api.move).toHaveBeenCalledWith(101, 2)
      expect(order(page)).toEqual(['102', '103', '101'])
      expect(page.get('[data-test=queue-announce]').text()).toBe('Arne Pauwels moved to position 3')
    })

    it('opens the quick information with Enter, also for the public, who cannot move cards', async () => {
      vi.mocked(api.summary).mockReturnValue(new Promise(() => undefined))
      const page = mountQueue()
      await press(page, 103, 'ArrowUp', true)
      await press(page, 103, 'm')
      expect(api.move).not.toHaveBeenCalled()
      expect(document.querySelector('[data-test=queue-move-dialog]')).toBeNull()
      await press(page, 103, 'Enter')
      expect(api.summary).toHaveBeenCalledWith(13)
    })
  })
})
