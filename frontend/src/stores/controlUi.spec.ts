// Skip and assign from the control page, against a mocked API.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { api } from '@/api'
import { ApiError } from '@/api/http'
import type { Page, Runner } from '@/api/types'

import { useControlUiStore } from './controlUi'

vi.mock('@/api', () => ({
  api: { skip: vi.fn(), assign: vi.fn(), searchRunners: vi.fn(), updateSettings: vi.fn() },
}))

const page = (names: string[]): Page<Runner> => ({
  count: names.length,
  next: null,
  previous: null,
  results: names.map((first_name, id) => ({ id, first_name, last_name: 'R' }) as Runner),
})

beforeEach(() => {
  setActivePinia(createPinia())
  vi.clearAllMocks()
})

describe('control page actions', () => {
  it('skips a ticket three places back', async () => {
    vi.mocked(api.skip).mockResolvedValue({} as never)
    const ui = useControlUiStore()
    expect(await ui.skip(4)).toBe(true)
    expect(api.skip).toHaveBeenCalledWith(4, 3)
    expect(ui.skipping).toBeNull()
  })

  it("shows the server's reason when a skip fails", async () => {
    vi.mocked(api.skip).mockRejectedValue(
      new ApiError(409, 'That ticket is not waiting any more.', 'not_waiting', {}),
    )
    const ui = useControlUiStore()
    expect(await ui.skip(4)).toBe(false)
    expect(ui.error).toBe('That ticket is not waiting any more.')
  })

  it("shows the server's reason when a settings change is refused", async () => {
    vi.mocked(api.updateSettings).mockRejectedValue(
      new ApiError(403, 'Only staff may change the settings.', 'permission_denied', {}),
    )
    const ui = useControlUiStore()
    expect(await ui.updateSettings({ reload_displays: true })).toBe(false)
    expect(ui.error).toBe('Only staff may change the settings.')
  })

  it('searches from two characters on and keeps only the latest answer', async () => {
    let first!: (p: Page<Runner>) => void
    vi.mocked(api.searchRunners)
      .mockReturnValueOnce(new Promise((r) => (first = r)))
      .mockResolvedValueOnce(page(['Bea']))
    const ui = useControlUiStore()
    await ui.search('a')
    expect(api.searchRunners).not.toHaveBeenCalled()
    const slow = ui.search('ad')
    await ui.search('be')
    first(page(['Ada']))
    await slow
    expect(ui.candidates.map((r) => r.first_name)).toEqual(['Bea'])
    expect(ui.searchedFor).toBe('be')
  })

  it('assigns a runner to a lap', async () => {
    vi.mocked(api.assign).mockResolvedValue({} as never)
    const ui = useControlUiStore()
    expect(await ui.assign(12, 3)).toBe(true)
    expect(api.assign).toHaveBeenCalledWith(12, 3)
  })
})
