// Staff settings for every screen: banner, rain, freeze, reload.
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createVuetify } from 'vuetify'

import { api } from '@/api'
import i18n from '@/plugins/i18n'
import { useRaceStore } from '@/stores/race'

import EventSettingsCard from './EventSettingsCard.vue'
import { stubBrowser } from './testing'

vi.mock('@/api', () => ({ api: { updateSettings: vi.fn(), stats: vi.fn(), queue: vi.fn() } }))
stubBrowser()
const updateSettings = vi.mocked(api.updateSettings)

function setup() {
  setActivePinia(createPinia())
  const race = useRaceStore()
  race.state = {
    ...race.state,
    settings: { banner: 'Old news', raining: false, leaderboard_frozen: false } as never,
  }
  return mount(EventSettingsCard, { global: { plugins: [createVuetify(), i18n] } })
}

describe('EventSettingsCard', () => {
  beforeEach(() => updateSettings.mockClear())

  it('shows the banner staff set and sends a new one', async () => {
    updateSettings.mockResolvedValue({} as never)
    const card = setup()
    const input = card.find('[data-test=banner-input] input')
    expect((input.element as HTMLInputElement).value).toBe('Old news')
    await input.setValue('Pasta at the stand')
    await card.find('[data-test=banner-save]').trigger('click')
    expect(updateSettings).toHaveBeenCalledWith({ banner: 'Pasta at the stand' })
  })

  it('makes every display reload', async () => {
    updateSettings.mockResolvedValue({} as never)
    const card = setup()
    await card.find('[data-test=reload-displays]').trigger('click')
    expect(updateSettings).toHaveBeenCalledWith({ reload_displays: true })
  })
})
