import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '@/api/http'
import type { Results } from '@/api/results'
import { sampleResults } from '@/test/results'

vi.mock('@/api', () => ({ api: { updateSettings: vi.fn() } }))
vi.mock('@/api/results', () => ({ resultsApi: { results: vi.fn() } }))

const { resultsApi } = await import('@/api/results')
const { useResultsStore } = await import('./results')
const results = vi.mocked(resultsApi.results)

function answer() {
  let resolve!: (value: Results) => void
  const promise = new Promise<Results>((r) => (resolve = r))
  return { promise, resolve }
}

describe('the results store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
  })

  it('loads once more after a load on its way, and keeps the newest answer', async () => {
    const first = answer()
    const second = answer()
    results.mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise)
    const store = useResultsStore()

    const loading = store.load()
    void store.load()
    void store.load() // three calls while the first is out: one more request, not two
    first.resolve(sampleResults({ title: 'old' }))
    await Promise.resolve()
    second.resolve(sampleResults({ title: 'new' }))
    await loading

    expect(results).toHaveBeenCalledTimes(2)
    expect(store.results?.title).toBe('new')
    expect(store.loading).toBe(false)
  })

  it('tells a refusal (not published) from a failure', async () => {
    const store = useResultsStore()
    results.mockResolvedValueOnce(sampleResults())
    await store.load()
    results.mockRejectedValueOnce(
      new ApiError(403, 'The results are not published yet.', 'permission_denied', {}),
    )
    await store.load()
    expect(store.refused).toBe(true)
    expect(store.results).toBeNull()

    results.mockRejectedValueOnce(new ApiError(0, 'No connection to the server.', 'offline', {}))
    await store.load()
    expect(store.refused).toBe(false)
    expect(store.error).toBe('No connection to the server.')
  })

  it('asks for the chosen number of places', async () => {
    results.mockResolvedValue(sampleResults())
    const store = useResultsStore()
    store.setTop(25)
    await store.load()
    expect(results).toHaveBeenLastCalledWith(25)
  })
})
