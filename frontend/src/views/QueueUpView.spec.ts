import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createVuetify } from 'vuetify'

import { ApiError } from '@/api/http'
import type { RunnerSummary } from '@/api/types'
import i18n from '@/plugins/i18n'

vi.mock('@/api', () => ({
  api: {
    enqueue: vi.fn(),
    summary: vi.fn(),
    createRunner: vi.fn(),
    universities: vi.fn(),
    groups: vi.fn(),
  },
}))
vi.mock('@/api/checkins', () => ({
  checkinsApi: { board: vi.fn(), checkIn: vi.fn(), dueRewards: vi.fn(), rewards: vi.fn(), handOut: vi.fn() },
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
const { checkinsApi } = await import('@/api/checkins')
const { useAuthStore } = await import('@/stores/auth')
const { useRaceStore } = await import('@/stores/race')
const QueueUpView = (await import('./QueueUpView.vue')).default

const runner = {
  id: 9,
  first_name: 'Milan',
  last_name: 'Peeters',
  university: 1,
  group: null,
  first_year: true,
}
const summary: RunnerSummary = {
  runner,
  lap_count: 2,
  points: 6,
  best_lap: 200,
  last_lap: null,
  group: null,
  position: 4,
  estimated_start: null,
  running: false,
}
const page = { next: null, previous: null }

let wrapper: ReturnType<typeof mount> | null = null

function mountKiosk() {
  const pinia = createPinia()
  setActivePinia(pinia)
  wrapper = mount(QueueUpView, {
    global: { plugins: [pinia, createVuetify(), i18n] },
    attachTo: document.body,
  })
  return wrapper
}

async function scan(kiosk: ReturnType<typeof mount>, code: string) {
  const input = kiosk.find('[data-test=scan-input] input')
  await input.setValue(code)
  await input.trigger('keydown', { key: 'Enter' })
  await flushPromises()
}

function message(kiosk: ReturnType<typeof mount>) {
  const el = kiosk.find('[data-test=kiosk-message]')
  return { kind: el.attributes('data-kind'), text: el.text() }
}

describe('the queue-up kiosk', () => {
  beforeEach(() => {
    sessionStorage.clear()
    vi.clearAllMocks()
    i18n.global.locale.value = 'en'
    vi.mocked(api.summary).mockResolvedValue(summary)
    vi.mocked(api.universities).mockResolvedValue({
      ...page,
      count: 1,
      results: [
        { id: 1, name: 'Katholieke Universiteit Leuven', abbreviation: 'KU Leuven', student_id_pattern: '' },
      ],
    })
    vi.mocked(api.groups).mockResolvedValue({
      ...page,
      count: 1,
      results: [{ id: 2, name: 'Geos', happy_hours: [], points: 0 }],
    })
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
    document.body.innerHTML = ''
  })

  it('has the focus in the scan input from the start', async () => {
    const kiosk = mountKiosk()
    await flushPromises()
    expect(document.activeElement).toBe(kiosk.find('[data-test=scan-input] input').element)
  })

  it('queues a known card at once and shows the runner’s place', async () => {
    vi.mocked(api.enqueue).mockResolvedValue({
      id: 1,
      runner,
      position: 4,
      created_at: '',
      seq: 8,
      check_ins: [],
      rewards_due: [],
    })
    const kiosk = mountKiosk()
    await scan(kiosk, 'R 0123456')
    expect(api.enqueue).toHaveBeenCalledWith({
      identification: 'r0123456',
      idempotency_key: expect.any(String),
    })
    expect(message(kiosk)).toEqual({
      kind: 'success',
      text: 'Welcome, Milan! You are number 5 in the queue.',
    })
    expect(kiosk.find('[data-test=kiosk-position]').text()).toBe('5')
    expect(kiosk.find('[data-test=quick-info]').text()).toContain('Milan Peeters')
    expect((kiosk.find('[data-test=scan-input] input').element as HTMLInputElement).value).toBe('')
  })

  it('asks an unknown runner to register, then queues them', async () => {
    vi.mocked(api.enqueue)
      .mockRejectedValueOnce(
        new ApiError(404, 'No runner has student ID r0999999 yet.', 'unknown_runner', {}),
      )
      .mockResolvedValueOnce({
        id: 2,
        runner,
        position: 0,
        created_at: '',
        seq: 9,
        check_ins: [],
        rewards_due: [],
      })
    vi.mocked(api.createRunner).mockResolvedValue({ id: 9 } as never)
    const kiosk = mountKiosk()
    await scan(kiosk, 'r0999999')
    expect(message(kiosk).kind).toBe('warning')
    const form = kiosk.find('[data-test=register-form]')
    expect(form.exists()).toBe(true)
    await form.find('[data-test=first-name] input').setValue('Milan')
    await form.find('[data-test=last-name] input').setValue('Peeters')
    await form.find('[data-test=first-year] input').setValue(true)
    await form.find('form').trigger('submit')
    await flushPromises()
    expect(api.createRunner).toHaveBeenCalledWith({
      first_name: 'Milan',
      last_name: 'Peeters',
      university: 1,
      group: null,
      first_year: true,
      identification: 'r0999999',
    })
    expect(api.enqueue).toHaveBeenLastCalledWith({ runner: 9, idempotency_key: expect.any(String) })
    expect(message(kiosk).kind).toBe('success')
    expect(kiosk.find('[data-test=register-form]').exists()).toBe(false)
  })

  it('takes a card scanned into a half-filled form as a new scan, never as a name', async () => {
    vi.mocked(api.enqueue)
      .mockRejectedValueOnce(
        new ApiError(404, 'No runner has student ID r0999999 yet.', 'unknown_runner', {}),
      )
      .mockResolvedValueOnce({
        id: 3,
        runner,
        position: 2,
        created_at: '',
        seq: 10,
        check_ins: [],
        rewards_due: [],
      })
    const kiosk = mountKiosk()
    await scan(kiosk, 'r0999999')
    const form = kiosk.find('[data-test=register-form]')
    await form.find('[data-test=first-name] input').setValue('Jan')
    const last = form.find('[data-test=last-name] input').element as HTMLInputElement
    last.focus()
    // The next student's scanner types into the focused last-name field: a burst, then Enter.
    for (const key of 'r0555555') {
      last.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
      last.value += key
      last.dispatchEvent(new Event('input', { bubbles: true }))
    }
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })
    last.dispatchEvent(enter)
    await flushPromises()

    expect(enter.defaultPrevented).toBe(true) // the form was not submitted with the scanner's Enter
    expect(api.createRunner).not.toHaveBeenCalled()
    expect(api.enqueue).toHaveBeenLastCalledWith({
      identification: 'r0555555',
      idempotency_key: expect.any(String),
    })
    expect(message(kiosk).kind).toBe('success')
  })

  it('shows the server’s field errors next to the fields until the field is edited', async () => {
    vi.mocked(api.enqueue).mockRejectedValueOnce(new ApiError(404, 'unknown', 'unknown_runner', {}))
    vi.mocked(api.createRunner).mockRejectedValue(
      new ApiError(400, 'last_name: too long', 'invalid', {
        errors: { last_name: ['Ensure this field has no more than 100 characters.'] },
      }),
    )
    const kiosk = mountKiosk()
    await scan(kiosk, 'r0999999')
    await kiosk.find('[data-test=first-name] input').setValue('Milan')
    await kiosk.find('[data-test=last-name] input').setValue('P'.repeat(120))
    await kiosk.find('form').trigger('submit')
    await flushPromises()
    expect(kiosk.find('[data-test=last-name]').text()).toContain('no more than 100 characters')
    expect(message(kiosk).kind).toBe('error')
    await kiosk.find('[data-test=last-name] input').setValue('Peeters')
    await flushPromises()
    expect(kiosk.find('[data-test=last-name]').text()).not.toContain('no more than 100 characters')
    expect(message(kiosk).kind).toBe('warning') // nothing is marked red any more
  })

  it('comes back to the same form after a reload, with what was typed', async () => {
    vi.mocked(api.enqueue).mockRejectedValueOnce(new ApiError(404, 'unknown', 'unknown_runner', {}))
    const kiosk = mountKiosk()
    await scan(kiosk, 'R 0999002')
    await kiosk.find('[data-test=first-name] input').setValue('Milan')
    await flushPromises()
    kiosk.unmount()
    wrapper = null
    document.body.innerHTML = ''

    const again = mountKiosk() // a new app in the same tab
    await flushPromises()
    const form = again.find('[data-test=register-form]')
    expect(form.exists()).toBe(true)
    expect((form.find('[data-test=register-card] input').element as HTMLInputElement).value).toBe('r0999002')
    expect((form.find('[data-test=first-name] input').element as HTMLInputElement).value).toBe('Milan')
    expect(api.enqueue).toHaveBeenCalledTimes(1) // nothing was sent again
  })

  it('tells a runner who is already waiting their place', async () => {
    vi.mocked(api.enqueue).mockRejectedValue(
      new ApiError(409, 'Milan Peeters is already in the queue, at place 3.', 'already_queued', {
        position: 2,
      }),
    )
    const kiosk = mountKiosk()
    await scan(kiosk, 'r0123456')
    expect(message(kiosk)).toEqual({ kind: 'warning', text: 'You are already in the queue, at number 3.' })
  })

  it('explains a malformed card number in the server’s words', async () => {
    vi.mocked(api.enqueue).mockRejectedValue(
      new ApiError(
        400,
        '“abc” is not a valid KU Leuven student ID (for example r0123456).',
        'invalid_identification',
        { field: 'identification' },
      ),
    )
    const kiosk = mountKiosk()
    await scan(kiosk, 'abc')
    expect(message(kiosk)).toEqual({
      kind: 'error',
      text: '“abc” is not a valid KU Leuven student ID (for example r0123456). Scan your card again, or ask a volunteer.',
    })
  })

  describe('shift check-in and rewards', () => {
    const shift = { id: 3, name: 'Night owls', start: '2026-03-14T01:00:00Z', end: '2026-03-14T03:00:00Z' }
    const tshirt = {
      id: 8,
      runner,
      milestone: { id: 2, laps: 4, reward: 'T-shirt' },
      lap: 40,
      reached_at: '2026-03-14T00:10:00Z',
      handed_out_at: null,
      handed_out_by: null,
      unearned: false,
    }
    const setTimeZone = () => {
      const race = useRaceStore()
      race.state = { ...race.state, seq: 10, settings: { time_zone: 'Europe/Brussels' } as never }
    }

    it('says which shift the scan checked the runner in for, and the rewards due', async () => {
      vi.mocked(api.enqueue).mockResolvedValue({
        id: 1,
        runner,
        position: 4,
        created_at: '',
        seq: 8,
        check_ins: [{ shift, at: '2026-03-14T00:40:00Z', new: true }],
        rewards_due: [tshirt],
      })
      const kiosk = mountKiosk()
      setTimeZone()
      await scan(kiosk, 'r0123456')
      const extras = kiosk.get('[data-test=kiosk-extras]')
      expect(extras.get('[data-test=kiosk-check-in]').text()).toContain(
        'Checked in for shift Saturday 02:00–04:00',
      )
      expect(extras.get('[data-test=kiosk-check-in]').text()).toContain('Night owls')
      expect(extras.get('[data-test=kiosk-reward-due]').text()).toBe('Reward due: 4 laps — T-shirt')
    })

    it('says so for a runner already in the queue too', async () => {
      vi.mocked(api.enqueue).mockRejectedValue(
        new ApiError(409, 'Already in the queue.', 'already_queued', {
          position: 2,
          check_ins: [{ shift, at: '2026-03-14T00:40:00Z', new: false }],
          rewards_due: [tshirt],
        }),
      )
      const kiosk = mountKiosk()
      setTimeZone()
      i18n.global.locale.value = 'nl'
      await scan(kiosk, 'r0123456')
      expect(message(kiosk).text).toBe('Je staat al in de wachtrij, op nummer 3.')
      expect(kiosk.get('[data-test=kiosk-check-in]').text()).toContain(
        'Al ingecheckt voor de shift van zaterdag 02:00–04:00',
      )
      expect(kiosk.get('[data-test=kiosk-reward-due]').text()).toBe(
        'Beloning af te halen: 4 rondes — T-shirt',
      )
    })

    it('shows a short notice when a runner reaches a milestone', async () => {
      const kiosk = mountKiosk()
      await flushPromises()
      const race = useRaceStore()
      race.state = { ...race.state, seq: 10 }
      const reward: Partial<typeof tshirt> = { ...tshirt }
      delete reward.handed_out_by
      race.apply({ type: 'reward_due', seq: 11, reward: reward as typeof tshirt })
      await flushPromises()
      expect(kiosk.get('[data-test=kiosk-reward-notice]').text()).toBe('Milan reached 4 laps: T-shirt')
    })

    it('opens the shift board in a dialog, and a scan while it is open is still a scan', async () => {
      vi.mocked(checkinsApi.board).mockResolvedValue({ server_time: '', seq: 10, shifts: [] })
      vi.mocked(api.enqueue).mockResolvedValue({
        id: 1,
        runner,
        position: 0,
        created_at: '',
        seq: 8,
        check_ins: [],
        rewards_due: [],
      })
      const kiosk = mountKiosk()
      useAuthStore().me = { user: null, roles: ['competition'], permissions: ['rest_board_shift'] }
      await flushPromises()
      await kiosk.get('[data-test=kiosk-open-shift-board]').trigger('click')
      await flushPromises()
      const dialog = document.querySelector('[data-test=kiosk-shift-board]')
      expect(dialog).not.toBeNull()
      expect(checkinsApi.board).toHaveBeenCalled()
      expect(document.querySelector('[data-test=no-shifts]')?.textContent).toContain('No shift now')

      const close = document.querySelector<HTMLElement>('[data-test=kiosk-shift-board-close]')!
      close.focus()
      for (const key of 'r0555555')
        close.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
      const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })
      close.dispatchEvent(enter)
      await flushPromises()
      expect(enter.defaultPrevented).toBe(true) // not a press on the dialog's button
      expect(api.enqueue).toHaveBeenCalledWith({
        identification: 'r0555555',
        idempotency_key: expect.any(String),
      })
      expect(message(kiosk).kind).toBe('success')
    })
  })
})
