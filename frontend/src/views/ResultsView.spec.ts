import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createRouter, createMemoryHistory } from 'vue-router'
import { createVuetify } from 'vuetify'

import { ApiError } from '@/api/http'
import i18n from '@/plugins/i18n'
import { sampleResults } from '@/test/results'

vi.mock('@/api', () => ({ api: { updateSettings: vi.fn() } }))
vi.mock('@/api/results', () => ({
  resultsApi: { results: vi.fn(), fileUrl: (format: string, top: number | null) => `/f?${format}&${top}` },
}))
globalThis.visualViewport ??= Object.assign(new EventTarget(), {
  width: 1024,
  height: 768,
  scale: 1,
}) as VisualViewport

const { api } = await import('@/api')
const { resultsApi } = await import('@/api/results')
const { useAuthStore } = await import('@/stores/auth')
const ResultsView = (await import('./ResultsView.vue')).default

const results = vi.mocked(resultsApi.results)
let wrapper: ReturnType<typeof mount> | null = null

async function mountResults(permissions: string[] = []) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().me = { user: null, roles: [], permissions }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/results', name: 'results', component: ResultsView },
      { path: '/login', name: 'login', component: { template: '<div />' } },
    ],
  })
  await router.push('/results')
  wrapper = mount(ResultsView, {
    global: { plugins: [pinia, router, createVuetify(), i18n] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

describe('the results page', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    i18n.global.locale.value = 'en'
    results.mockResolvedValue(sampleResults())
  })
  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
    document.body.innerHTML = ''
  })

  it('shows the totals, every board and the groups, ten places each to start with', async () => {
    const page = await mountResults()
    expect(results).toHaveBeenCalledWith(10)
    expect(page.get('[data-test=results-totals]').text()).toContain('1,234 laps')
    const boards = page.findAll('section.results-board').map((b) => b.attributes('data-test'))
    expect(boards).toEqual([
      'results-board-fastest_lap',
      'results-board-most_laps',
      'results-board-most_points',
      'results-board-first_year',
      'results-board-night_rain',
      'results-board-groups',
    ])
    expect(page.get('[data-test=results-board-fastest_lap] tbody tr').text()).toContain('Ann Test')
    expect(page.get('[data-test=results-board-night_rain]').text()).toContain('Nobody on this board.')
  })

  it('speaks Dutch', async () => {
    i18n.global.locale.value = 'nl'
    const page = await mountResults()
    expect(page.get('h1').text()).toBe('Uitslag · 24-hour run')
    expect(page.get('[data-test=results-board-groups] h2').text()).toBe('Groepen')
  })

  it('offers staff to publish the results, and nobody else', async () => {
    let page = await mountResults()
    expect(page.find('[data-test=results-publish]').exists()).toBe(false)
    page.unmount()

    page = await mountResults(['rest_update_eventsettings', 'rest_results_eventsettings'])
    expect(page.get('[data-test=results-visibility]').text()).toContain('Only staff see these results')
    results.mockResolvedValue(sampleResults({ published: true }))
    await page.get('[data-test=results-publish] input').setValue(true)
    await flushPromises()
    expect(api.updateSettings).toHaveBeenCalledWith({ results_published: true })
    expect(page.get('[data-test=results-visibility]').text()).toContain('everybody sees these results')
  })

  it('says that the results are not published when the server refuses them', async () => {
    results.mockRejectedValue(
      new ApiError(401, 'The results are not published yet.', 'not_authenticated', {}),
    )
    const page = await mountResults()
    expect(page.get('[data-test=results-refused]').text()).toContain('The results are not published yet.')
    expect(page.find('section.results-board').exists()).toBe(false)
  })

  it('loads the places asked for, and links the files with them', async () => {
    const page = await mountResults()
    const store = (await import('@/stores/results')).useResultsStore()
    store.setTop(null)
    await flushPromises()
    expect(results).toHaveBeenLastCalledWith(null)
    expect(page.get('[data-test=results-csv]').attributes('href')).toBe('/f?csv&null')
  })
})
