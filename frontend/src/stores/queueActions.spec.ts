import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '@/api/http'
import type { Ticket } from '@/api/types'

vi.mock('@/api', () => ({
  api: { move: vi.fn(), removeTicket: vi.fn(), summary: vi.fn() },
}))

const { api } = await import('@/api')
const { useRaceStore } = await import('./race')
const { useQueueActionsStore } = await import('./queueActions')

import { ids, ticket } from '@/test/fixtures'

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

describe('the queue actions store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
    const race = useRaceStore()
    race.state = { ...race.state, seq: 10, queue: [ticket(1, 0), ticket(2, 1), ticket(3, 2), ticket(4, 3)] }
  })

  it('shows a move at once and keeps it until the live queue has caught up', async () => {
    const answer = deferred<Ticket & { seq: number }>()
    vi.mocked(api.move).mockReturnValue(answer.promise)
    const actions = useQueueActionsStore()
    const race = useRaceStore()

    const done = actions.move(4, 0)
    expect(api.move).toHaveBeenCalledWith(4, 0)
    expect(ids(actions.tickets)).toEqual([4, 1, 2, 3])
    expect(actions.tickets[0].position).toBe(0)

    answer.resolve({ ...ticket(4, 0), seq: 11 })
    await done
    expect(ids(actions.tickets)).toEqual([4, 1, 2, 3]) // the event has not arrived yet: no flicker back
    expect(actions.pending).toHaveLength(1)

    race.apply({ type: 'queue_moved', seq: 11, ticket: ticket(4, 0), from: 3 })
    await Promise.resolve()
    expect(actions.pending).toHaveLength(0)
    expect(ids(actions.tickets)).toEqual([4, 1, 2, 3])
  })

  it('puts a refused move back and says why', async () => {
    vi.mocked(api.move).mockRejectedValue(
      new ApiError(409, 'That ticket is no longer waiting.', 'not_waiting', {}),
    )
    const actions = useQueueActionsStore()
    const done = actions.move(2, 3)
    expect(ids(actions.tickets)).toEqual([1, 3, 4, 2])
    await done
    expect(ids(actions.tickets)).toEqual([1, 2, 3, 4])
    expect(actions.notice?.text).toBe('That ticket is no longer waiting.')
  })

  it('does not call the server for a drop in the same place', async () => {
    await useQueueActionsStore().move(2, 1)
    expect(api.move).not.toHaveBeenCalled()
  })

  it('hides a removed ticket at once and brings it back when refused', async () => {
    const answer = deferred<{ id: number; seq: number }>()
    vi.mocked(api.removeTicket).mockReturnValue(answer.promise)
    const actions = useQueueActionsStore()
    const done = actions.remove(3)
    expect(ids(actions.tickets)).toEqual([1, 2, 4])
    answer.reject(new ApiError(403, 'Only staff may remove runners.', 'permission_denied', {}))
    await done
    expect(ids(actions.tickets)).toEqual([1, 2, 3, 4])
    expect(actions.notice?.text).toBe('Only staff may remove runners.')
  })

  it('drops an action at once when the live queue is already ahead of its answer', async () => {
    vi.mocked(api.removeTicket).mockResolvedValue({ id: 3, seq: 9 })
    const actions = useQueueActionsStore()
    await actions.remove(3)
    expect(actions.pending).toHaveLength(0)
  })

  it('loads the quick information of a runner, and tells when it cannot', async () => {
    const actions = useQueueActionsStore()
    vi.mocked(api.summary).mockRejectedValueOnce(
      new ApiError(0, 'No connection to the server.', 'offline', {}),
    )
    await actions.openInfo(2)
    expect(actions.info).toEqual({ runner: 2, summary: null, error: 'No connection to the server.' })
    actions.closeInfo()
    expect(actions.info).toBeNull()
  })
})
