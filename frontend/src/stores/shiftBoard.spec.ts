import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '@/api/http'
import type { Runner, ShiftBoard, Stats } from '@/api/types'

vi.mock('@/api', () => ({
  api: {
    stats: vi.fn(
      async () => ({ seq: 10, settings: null, current: null, queue: [], last_laps: [] }) as unknown as Stats,
    ),
    queue: vi.fn(async () => ({ seq: 10, results: [] })),
    searchRunners: vi.fn(),
  },
}))
vi.mock('@/api/checkins', () => ({ checkinsApi: { board: vi.fn(), checkIn: vi.fn() } }))

const { api } = await import('@/api')
const { checkinsApi } = await import('@/api/checkins')
const { useRaceStore } = await import('./race')
const { BOARD_RELOAD_MS, useShiftBoardStore } = await import('./shiftBoard')

const board = (seq: number, shifts: ShiftBoard['shifts'] = []): ShiftBoard => ({
  server_time: '2026-03-14T02:00:00Z',
  seq,
  shifts,
})
const shift = (id: number, when: 'current' | 'next', start: string) => ({
  id,
  name: `S${id}`,
  start,
  end: start,
  when,
  checked_in: [],
  missing: [],
})

async function opened() {
  const race = useRaceStore()
  await race.reload()
  const store = useShiftBoardStore()
  await store.open()
  return { race, store }
}

describe('the shift board store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
    vi.useFakeTimers()
    vi.mocked(checkinsApi.board).mockResolvedValue(board(10))
  })
  afterEach(() => vi.useRealTimers())

  it('loads the board, the current shifts first', async () => {
    vi.mocked(checkinsApi.board).mockResolvedValue(
      board(10, [shift(2, 'next', '2026-03-14T04:00:00Z'), shift(1, 'current', '2026-03-14T02:00:00Z')]),
    )
    const { store } = await opened()
    expect(store.shifts.map((s) => s.id)).toEqual([1, 2])
  })

  it('loads again once after a burst of check-ins and changes, not after other events', async () => {
    const { race } = await opened()
    race.apply({ type: 'queue_reset', seq: 11, removed: 0 })
    await vi.advanceTimersByTimeAsync(BOARD_RELOAD_MS)
    expect(checkinsApi.board).toHaveBeenCalledTimes(1)
    race.apply({ type: 'checked_in', seq: 12, shift: 1, checked_in: 3, missing: 4 })
    race.apply({ type: 'checked_in', seq: 13, shift: 1, checked_in: 4, missing: 3 })
    race.apply({ type: 'runner_changed', seq: 14, runner: { id: 1 } as never })
    await vi.advanceTimersByTimeAsync(BOARD_RELOAD_MS)
    expect(checkinsApi.board).toHaveBeenCalledTimes(2)
  })

  it('loads again after a fresh snapshot (a gap in the events, a resync)', async () => {
    const { race } = await opened()
    await race.reload()
    await vi.advanceTimersByTimeAsync(BOARD_RELOAD_MS)
    expect(checkinsApi.board).toHaveBeenCalledTimes(2)
  })

  it('loads again when the connection comes back', async () => {
    class Source {
      static last: Source
      listeners = new Map<string, ((e: MessageEvent) => void)[]>()
      onerror: (() => void) | null = null
      constructor() {
        Source.last = this
      }
      addEventListener(type: string, fn: (e: MessageEvent) => void) {
        this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn])
      }
      fire(type: string, data: unknown) {
        for (const fn of this.listeners.get(type) ?? [])
          fn(new MessageEvent(type, { data: JSON.stringify(data) }))
      }
      close() {}
    }
    vi.stubGlobal('EventSource', Source)
    try {
      const { race } = await opened()
      await race.start()
      Source.last.fire('stream-open', { newest: 10 })
      await vi.advanceTimersByTimeAsync(BOARD_RELOAD_MS)
      const before = vi.mocked(checkinsApi.board).mock.calls.length
      Source.last.onerror!()
      expect(race.status).toBe('lost')
      await vi.advanceTimersByTimeAsync(5000) // the stream reconnects after its backoff
      Source.last.fire('stream-open', { newest: 10 })
      expect(race.status).toBe('open')
      await vi.advanceTimersByTimeAsync(BOARD_RELOAD_MS)
      expect(checkinsApi.board).toHaveBeenCalledTimes(before + 1)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('stops following the events when the last page closes it', async () => {
    const { race, store } = await opened()
    await store.open() // the kiosk's dialog and a page at once
    store.close()
    race.apply({ type: 'checked_in', seq: 11, shift: 1, checked_in: 1, missing: 1 })
    await vi.advanceTimersByTimeAsync(BOARD_RELOAD_MS)
    expect(checkinsApi.board).toHaveBeenCalledTimes(3)
    store.close()
    race.apply({ type: 'checked_in', seq: 12, shift: 1, checked_in: 2, missing: 0 })
    await vi.advanceTimersByTimeAsync(BOARD_RELOAD_MS * 2)
    expect(checkinsApi.board).toHaveBeenCalledTimes(3)
  })

  it('keeps a newer board when an older answer comes late', async () => {
    const { store } = await opened()
    vi.mocked(checkinsApi.board).mockResolvedValueOnce(board(15)).mockResolvedValueOnce(board(12))
    await store.load()
    await store.load()
    expect(store.board?.seq).toBe(15)
  })

  it('checks a runner in by hand, then shows the board again', async () => {
    vi.mocked(checkinsApi.checkIn).mockResolvedValue({
      shift: 1,
      runner: { id: 7 } as never,
      checked_in: true,
      at: '2026-03-14T02:10:00Z',
      seq: 11,
    })
    const { store } = await opened()
    const press = store.checkIn(1, 7, true)
    expect(store.pending.has('1:7')).toBe(true)
    await press
    expect(checkinsApi.checkIn).toHaveBeenCalledWith(1, 7, true)
    expect(checkinsApi.board).toHaveBeenCalledTimes(2)
    expect(store.pending.size).toBe(0)
  })

  it('says why a check-in by hand was refused', async () => {
    vi.mocked(checkinsApi.checkIn).mockRejectedValue(
      new ApiError(403, 'Staff only.', 'permission_denied', {}),
    )
    const { store } = await opened()
    await store.checkIn(1, 7, false)
    expect(store.actionError).toBe('Staff only.')
  })

  it('finds a stand-in by name and checks them in', async () => {
    vi.mocked(api.searchRunners).mockResolvedValue({
      count: 1,
      next: null,
      previous: null,
      results: [{ id: 9, first_name: 'Jonas' } as Runner],
    })
    vi.mocked(checkinsApi.checkIn).mockResolvedValue({} as never)
    const { store } = await opened()
    await store.search(' jo ')
    expect(api.searchRunners).toHaveBeenCalledWith('jo')
    expect(store.candidates.map((r) => r.id)).toEqual([9])
    expect(await store.checkInStandIn(1, 9)).toBe(true)
    expect(checkinsApi.checkIn).toHaveBeenCalledWith(1, 9, true)
    expect(checkinsApi.board).toHaveBeenCalledTimes(2)
    store.clearSearch()
    expect(store.candidates).toEqual([])
  })

  it('says why a stand-in was refused in the picker, not on the board', async () => {
    vi.mocked(checkinsApi.checkIn).mockRejectedValue(new ApiError(404, 'No such runner.', 'not_found', {}))
    const { store } = await opened()
    expect(await store.checkInStandIn(1, 9)).toBe(false)
    expect(store.standInError).toBe('No such runner.')
    expect(store.actionError).toBeNull()
    expect(store.pending.size).toBe(0)
  })

  it('is refused for someone who may not see it', async () => {
    vi.mocked(checkinsApi.board).mockRejectedValue(new ApiError(403, 'No.', 'permission_denied', {}))
    const { store } = await opened()
    expect(store.refused).toBe(true)
    expect(store.board).toBeNull()
  })
})
