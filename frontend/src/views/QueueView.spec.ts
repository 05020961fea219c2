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
})
