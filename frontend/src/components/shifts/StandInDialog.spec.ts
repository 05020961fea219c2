// Staff check in a stand-in from a shift card: the picker searches by name and posts the check-in.
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '@/api/http'
import type { BoardShift, Page, Runner } from '@/api/types'
import { mountOptions } from '@/components/stats/testing'
import i18n from '@/plugins/i18n'

vi.mock('@/api', () => ({ api: { searchRunners: vi.fn() } }))
vi.mock('@/api/checkins', () => ({ checkinsApi: { board: vi.fn(), checkIn: vi.fn() } }))
globalThis.visualViewport ??= Object.assign(new EventTarget(), {
  width: 1024,
  height: 768,
  scale: 1,
}) as VisualViewport

const { api } = await import('@/api')
const { checkinsApi } = await import('@/api/checkins')
const ShiftCard = (await import('./ShiftCard.vue')).default

const shift: BoardShift = {
  id: 4,
  name: 'Night owls',
  start: '2026-03-14T01:00:00Z',
  end: '2026-03-14T03:00:00Z',
  when: 'current',
  checked_in: [],
  missing: [],
}
const jonas = { id: 9, first_name: 'Jonas', last_name: 'Peeters', identification: 'r0123456' } as Runner
const found = (runners: Runner[]): Page<Runner> => ({
  count: runners.length,
  next: null,
  previous: null,
  results: runners,
})
let wrapper: ReturnType<typeof mount> | null = null

function mountCard(canCheckIn = true, locale: 'en' | 'nl' = 'en') {
  const { global } = mountOptions()
  i18n.global.locale.value = locale
  wrapper = mount(ShiftCard, {
    props: { shift, timeZone: 'UTC', canCheckIn, pending: new Set<string>() },
    global,
    attachTo: document.body,
  })
  return wrapper
}

const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector)

async function openPicker() {
  await mountCard().get('[data-test="stand-in"]').trigger('click')
  await flushPromises()
  return $('[role="dialog"]')!
}

const isOpen = () => $('.v-overlay--active [data-test="stand-in-dialog"]') !== null

/** Type into the search field and wait out its debounce. */
async function type(text: string) {
  const input = $<HTMLInputElement>('[data-test="runner-search"] input')!
  input.value = text
  input.dispatchEvent(new Event('input'))
  await vi.waitFor(() => expect(api.searchRunners).toHaveBeenCalledWith(text))
  await flushPromises()
}

describe('checking in a stand-in', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    vi.mocked(checkinsApi.board).mockResolvedValue({ server_time: shift.start, seq: 2, shifts: [shift] })
    vi.mocked(api.searchRunners).mockResolvedValue(found([jonas]))
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
    document.body.innerHTML = ''
    i18n.global.locale.value = 'en'
  })

  it('is not offered to a volunteer', () => {
    expect(mountCard(false).find('[data-test="stand-in"]').exists()).toBe(false)
  })

  it('opens a named dialog with a labelled search field', async () => {
    const button = mountCard().get('[data-test="stand-in"]')
    expect(button.attributes('aria-label')).toBe('Check in someone else for Night owls')
    expect(button.text()).toBe('Check in someone else')
    await button.trigger('click')
    await flushPromises()
    expect(isOpen()).toBe(true)
    const dialog = $('[role="dialog"]')!
    const title = document.getElementById(dialog.getAttribute('aria-labelledby')!)
    expect(title?.textContent?.trim()).toBe('Check in a stand-in')
    const input = $<HTMLInputElement>('[data-test="runner-search"] input')!
    expect(document.querySelector(`label[for="${input.id}"]`)?.textContent).toContain('Name or student ID')
  })

  it('checks in the runner picked with the keyboard, then closes and shows the board again', async () => {
    vi.mocked(checkinsApi.checkIn).mockResolvedValue({} as never)
    await openPicker()
    await type('jon')
    const candidate = $('[data-test="runner-candidate"]')!
    expect(candidate.textContent).toContain('Jonas Peeters')
    expect(candidate.textContent).toContain('r0123456')
    // Tab reaches the list, the arrow keys its runners, Enter picks one.
    expect(candidate.closest('.v-list')?.getAttribute('tabindex')).toBe('0')
    candidate.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await flushPromises()
    expect(checkinsApi.checkIn).toHaveBeenCalledWith(4, 9, true)
    expect(checkinsApi.board).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(isOpen()).toBe(false))
  })

  it('keeps the dialog open with the reason when the check-in is refused', async () => {
    vi.mocked(checkinsApi.checkIn).mockRejectedValue(
      new ApiError(403, 'Only staff may check runners in.', 'permission_denied', {}),
    )
    await openPicker()
    await type('jon')
    $('[data-test="runner-candidate"]')!.click()
    await flushPromises()
    expect($('[data-test="picker-error"]')?.textContent?.trim()).toBe('Only staff may check runners in.')
    expect(isOpen()).toBe(true)
    expect(checkinsApi.board).not.toHaveBeenCalled()
  })

  it('says so when nobody matches, in Dutch too', async () => {
    vi.mocked(api.searchRunners).mockResolvedValue(found([]))
    const button = mountCard(true, 'nl').get('[data-test="stand-in"]')
    expect(button.text()).toBe('Iemand anders inchecken')
    await button.trigger('click')
    await flushPromises()
    await type('zzz')
    expect($('[data-test="stand-in-dialog"]')?.textContent).toContain('Geen loper gevonden voor “zzz”.')
    expect($('[data-test="runner-candidate"]')).toBeNull()
  })

  it('starts afresh each time it opens', async () => {
    await openPicker()
    await type('jon')
    ;($('[data-test="stand-in-cancel"]') as HTMLElement).click()
    await flushPromises()
    await vi.waitFor(() => expect(isOpen()).toBe(false))
    await wrapper!.get('[data-test="stand-in"]').trigger('click')
    await flushPromises()
    expect($<HTMLInputElement>('[data-test="runner-search"] input')!.value).toBe('')
    expect($('[data-test="runner-candidate"]')).toBeNull()
  })
})
