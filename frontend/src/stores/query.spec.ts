// The query store against a mocked API: the latest question wins, laps are read once per runner.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { api } from '@/api'
import { ApiError } from '@/api/http'
import { queryApi } from '@/api/query'
import type { Lap, Page, Runner } from '@/api/types'

import { useQueryStore } from './query'

vi.mock('@/api', () => ({ api: { shifts: vi.fn(), shiftRunners: vi.fn(), withoutUpcomingShift: vi.fn() } }))
vi.mock('@/api/query', () => ({ queryApi: { searchRunners: vi.fn(), runnerLaps: vi.fn() } }))

const runner = (id: number, first_name: string) => ({ id, first_name, last_name: 'R' }) as Runner
const page = <T>(results: T[]): Page<T> => ({ count: results.length, next: null, previous: null, results })

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.clearAllMocks()
})

describe('query store', () => {
  it('keeps only the answer to the latest search', async () => {
    const slow = deferred<Page<Runner>>()
    vi.mocked(queryApi.searchRunners)
      .mockReturnValueOnce(slow.promise)
      .mockResolvedValueOnce(page([runner(2, 'Bea')]))
    const query = useQueryStore()
    const first = query.search('a')
    await query.search('be')
    slow.resolve(page([runner(1, 'Ada')]))
    await first
    expect(query.found.map((r) => r.first_name)).toEqual(['Bea'])
    expect(query.searchedFor).toBe('be')
    expect(query.foundLoading).toBe(false)
  })

  it('clears the results for an empty search without asking the server', async () => {
    const query = useQueryStore()
    await query.search('   ')
    expect(queryApi.searchRunners).not.toHaveBeenCalled()
    expect(query.found).toEqual([])
    expect(query.foundLoaded).toBe(false)
  })

  it("reads a runner's laps once, and again when forced", async () => {
    vi.mocked(queryApi.runnerLaps).mockResolvedValue(page([{ id: 5 } as Lap]))
    const query = useQueryStore()
    await query.loadLaps(7)
    await query.loadLaps(7)
    expect(queryApi.runnerLaps).toHaveBeenCalledTimes(1)
    expect(query.laps[7].map((l) => l.id)).toEqual([5])
    await query.loadLaps(7, true)
    expect(queryApi.runnerLaps).toHaveBeenCalledTimes(2)
  })

  it('keeps the error of a failed look-up for the table to show', async () => {
    vi.mocked(api.shiftRunners).mockRejectedValue(
      new ApiError(400, 'Choose a shift: ?shift=<id>.', 'invalid', {}),
    )
    const query = useQueryStore()
    await query.loadShiftRunners(3)
    expect(query.inShiftError).toBe('Choose a shift: ?shift=<id>.')
    expect(query.inShiftLoaded).toBe(false)
  })

  it('asks for runners without an upcoming shift after an ISO time', async () => {
    vi.mocked(api.withoutUpcomingShift).mockResolvedValue([runner(1, 'Ada')])
    const query = useQueryStore()
    await query.loadWithoutShift('2026-05-01T18:00:00.000Z')
    expect(api.withoutUpcomingShift).toHaveBeenCalledWith('2026-05-01T18:00:00.000Z')
    expect(query.withoutShift).toHaveLength(1)
    await query.loadWithoutShift(null)
    expect(query.withoutShift).toEqual([])
  })
})
