import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '@/api/http'
import type { Lap, QueueSnapshot, RaceEvent, Stats, Ticket } from '@/api/types'

import { runner, ticket } from '@/test/fixtures'

function stats(seq: number, queue: Ticket[], lastLaps: Lap[] = []): Stats {
  return {
    seq,
    server_time: '2026-05-06T20:00:00Z',
    settings: { reload_token: 0, banner: '' } as Stats['settings'],
    current: null,
    queue: queue.slice(0, 3),
    queue_length: queue.length,
    last_laps: lastLaps,
    total_laps: 0,
    average_lap: null,
    leaderboards: {
      fastest_lap: [],
      most_laps: [],
      most_points: [],
      first_year: [],
      night_rain: [],
      groups: [],
    },
    chart: [],
  }
}

const server = {
  seq: 5,
  queue: [ticket(1, 0), ticket(2, 1), ticket(3, 2), ticket(4, 3)],
  lastLaps: [] as Lap[],
}
vi.mock('@/api', () => ({
  api: {
    stats: vi.fn(async () => stats(server.seq, server.queue, server.lastLaps)),
    queue: vi.fn(async (): Promise<QueueSnapshot> => ({
      seq: server.seq,
      count: server.queue.length,
      results: server.queue,
    })),
  },
}))

const { api } = await import('@/api')
const { useRaceStore } = await import('./race')

const moved = (seq: number, id: number, position: number): RaceEvent => ({
  seq,
  type: 'queue_moved',
  ticket: ticket(id, position),
  from: 0,
})

describe('the race store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
    server.seq = 5
  })

  it('loads the whole queue, not only the three the statistics show', async () => {
    const race = useRaceStore()
    await race.reload()
    expect(race.seq).toBe(5)
    expect(race.queue.map((t) => t.id)).toEqual([1, 2, 3, 4])
  })

  it('applies events in order and ignores repeats', async () => {
    const race = useRaceStore()
    await race.reload()
    race.apply(moved(6, 4, 0))
    race.apply(moved(6, 4, 0))
    race.apply(moved(5, 1, 3))
    expect(race.seq).toBe(6)
    expect(race.queue.map((t) => t.id)).toEqual([4, 1, 2, 3])
  })

  it('reloads the snapshot on a resync (a fix in the admin)', async () => {
    const race = useRaceStore()
    await race.reload()
    vi.clearAllMocks()
    const queue = server.queue
    server.seq = 7
    server.queue = [ticket(2, 0), ticket(1, 1)]
    race.apply({ seq: 6, type: 'resync', model: 'queueticket', ids: [1], action: 'update' })
    await vi.waitFor(() => expect(race.seq).toBe(7))
    expect(api.stats).toHaveBeenCalledTimes(1)
    expect(race.queue.map((t) => t.id)).toEqual([2, 1])
    server.queue = queue
  })

  it('reloads the snapshot when it sees a gap, then applies what came after it', async () => {
    const race = useRaceStore()
    await race.reload()
    server.seq = 7 // the server has moved on: events 6 and 7 were missed
    server.queue = [ticket(2, 0), ticket(1, 1), ticket(3, 2), ticket(4, 3)]
    race.apply(moved(8, 3, 0))
    await vi.waitFor(() => expect(race.seq).toBe(8))
    expect(api.stats).toHaveBeenCalledTimes(2)
    expect(race.queue.map((t) => t.id)).toEqual([3, 2, 1, 4])
  })
})

describe('the last laps', () => {
  const finished = (id: number): Lap => ({
    id,
    runner: runner(id),
    ticket: null,
    start: `2026-05-06T20:${String(id).padStart(2, '0')}:00Z`,
    end: `2026-05-06T20:${String(id).padStart(2, '0')}:30Z`,
    duration: 30,
    points: 1,
    raining: false,
    suspect: false,
  })

  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useFakeTimers()
    server.seq = 5
    server.lastLaps = [5, 4, 3, 2, 1].map(finished)
  })

  it('are five again soon after an undo took the newest one back onto the track', async () => {
    const race = useRaceStore()
    await race.reload()
    expect(race.recent).toHaveLength(5)
    const resumed = { ...finished(5), end: null, duration: null }
    server.seq = 6
    server.lastLaps = [4, 3, 2, 1, 0].map(finished)
    race.apply({ seq: 6, type: 'lap_resumed', lap: resumed })
    expect(race.recent.map((l) => l.id)).toEqual([4, 3, 2, 1])
    await vi.advanceTimersByTimeAsync(1000) // the leaderboards are read again after a change
    expect(race.recent.map((l) => l.id)).toEqual([4, 3, 2, 1, 0])
    vi.useRealTimers()
  })
})

describe('live or syncing', () => {
  class Source {
    static last: Source
    listeners = new Map<string, ((e: MessageEvent) => void)[]>()
    onerror: (() => void) | null = null
    constructor(public url: string) {
      Source.last = this
    }
    addEventListener(type: string, fn: (e: MessageEvent) => void) {
      this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn])
    }
    fire(type: string, data: unknown) {
      const text = JSON.stringify(data)
      for (const fn of this.listeners.get(type) ?? []) fn(new MessageEvent(type, { data: text }))
    }
    close() {}
  }

  beforeEach(() => {
    setActivePinia(createPinia())
    vi.stubGlobal('EventSource', Source)
    server.seq = 5
  })

  it('says syncing, not live, until the events the server had when the stream opened are applied', async () => {
    const race = useRaceStore()
    await race.start()
    expect(race.status).toBe('connecting')
    Source.last.fire('stream-open', { newest: 7 }) // two events happened while this page was away
    expect(race.status).toBe('syncing')
    Source.last.fire('queue_moved', moved(6, 4, 0))
    expect(race.status).toBe('syncing')
    Source.last.fire('queue_moved', moved(7, 1, 0))
    expect(race.status).toBe('open')
    Source.last.onerror!()
    expect(race.status).toBe('lost')
    vi.unstubAllGlobals()
  })
})

describe('personal bests', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('are celebrated when the server marks a finished lap as one', async () => {
    const race = useRaceStore()
    await race.reload()
    const lap = {
      id: 9,
      runner: runner(2),
      ticket: 2,
      start: '2026-05-06T20:00:00Z',
      end: '2026-05-06T20:02:30Z',
      duration: 150,
      points: 10,
      raining: false,
      suspect: false,
    }
    race.apply({ seq: race.seq + 1, type: 'lap_finished', lap, personal_best: false })
    expect(race.lastPersonalBest).toBeNull()
    race.apply({ seq: race.seq + 1, type: 'lap_finished', lap: { ...lap, id: 10 }, personal_best: true })
    expect(race.lastPersonalBest).toMatchObject({ runner: 2, lap: 10 })
  })
})

describe('the race store without a network', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
    vi.clearAllMocks()
    vi.useFakeTimers()
    server.seq = 5
  })
  afterEach(() => vi.useRealTimers())

  it('keeps its data in the browser, and a reload offline shows it with its real age', async () => {
    const race = useRaceStore()
    await race.reload()
    race.apply(moved(6, 4, 0))
    const order = race.queue.map((t) => t.id)
    vi.advanceTimersByTime(2000) // the kept copy is written at most every two seconds
    const keptAt = Date.now()

    vi.advanceTimersByTime(90_000) // the Wi-Fi drops; a minute and a half later, a reload
    setActivePinia(createPinia())
    vi.mocked(api.stats).mockRejectedValueOnce(new ApiError(0, 'No connection to the server.', 'offline', {}))
    const reloaded = useRaceStore()
    await reloaded.reload()
    expect(reloaded.seq).toBe(6)
    expect(reloaded.queue.map((t) => t.id)).toEqual(order)
    expect(order[0]).toBe(4)
    expect(reloaded.restoredAt).toBe(keptAt)
    expect(reloaded.lastHeard).toBe(keptAt) // "data from 1:30 ago", not "0:00"
    expect(reloaded.loadedAt).toBe(keptAt)

    // The server answers again: its snapshot replaces the kept one.
    server.seq = 9
    await reloaded.reload()
    expect(reloaded.seq).toBe(9)
    expect(reloaded.restoredAt).toBeNull()
  })

  it('has nothing to show offline when nothing was kept, and says so', async () => {
    vi.mocked(api.stats).mockRejectedValueOnce(new ApiError(0, 'No connection to the server.', 'offline', {}))
    const race = useRaceStore()
    await race.reload()
    expect(race.seq).toBe(-1)
    expect(race.loadedAt).toBeNull()
  })
})
