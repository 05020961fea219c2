import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '@/api/http'
import { RESULT_MS, RETRY_DELAYS_MS } from '@/lib/kiosk'

vi.mock('@/api', () => ({
  api: {
    enqueue: vi.fn(),
    summary: vi.fn(),
    createRunner: vi.fn(),
    universities: vi.fn(),
    groups: vi.fn(),
  },
}))

const { api } = await import('@/api')
const { useKioskStore } = await import('./kiosk')

const runner = {
  id: 5,
  first_name: 'Zoë',
  last_name: "D'Hondt",
  university: 1,
  group: null,
  first_year: true,
}
const ticket = (position: number) => ({ id: 50, runner, position, created_at: '', seq: 3 })
const anyKey = expect.stringMatching(/^[0-9a-f-]{36}$/)
const offline = () => new ApiError(0, 'No connection to the server.', 'offline', {})
const form = { first_name: 'Zoë', last_name: "D'Hondt", university: 1, group: null, first_year: true }

describe('the kiosk store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
    vi.useFakeTimers()
    vi.mocked(api.universities).mockResolvedValue({ count: 1, next: null, previous: null, results: [] })
    vi.mocked(api.groups).mockResolvedValue({ count: 0, next: null, previous: null, results: [] })
    vi.mocked(api.summary).mockRejectedValue(new Error('not needed'))
  })
  afterEach(() => vi.useRealTimers())

  it('queues the raw scan and goes back to scanning by itself', async () => {
    vi.mocked(api.enqueue).mockResolvedValue(ticket(2))
    const kiosk = useKioskStore()
    await kiosk.scan(' R0123456\n')
    expect(api.enqueue).toHaveBeenCalledWith({ identification: 'R0123456', idempotency_key: anyKey })
    expect(kiosk.phase).toBe('queued')
    expect(kiosk.message?.params).toEqual({ name: 'Zoë', n: 3 })
    vi.advanceTimersByTime(RESULT_MS)
    expect(kiosk.phase).toBe('idle')
    expect(kiosk.message).toBeNull()
  })

  it('registers an unknown card and queues the new runner by id', async () => {
    vi.mocked(api.enqueue)
      .mockRejectedValueOnce(
        new ApiError(404, 'No runner has student ID r0999999 yet.', 'unknown_runner', {}),
      )
      .mockResolvedValueOnce(ticket(0))
    vi.mocked(api.createRunner).mockResolvedValue({ id: 5 } as never)
    const kiosk = useKioskStore()
    await kiosk.scan('r0999999')
    expect(kiosk.phase).toBe('register')
    expect(api.universities).toHaveBeenCalled()
    await kiosk.register(form)
    expect(api.createRunner).toHaveBeenCalledWith({ ...form, identification: 'r0999999' })
    expect(api.enqueue).toHaveBeenLastCalledWith({ runner: 5, idempotency_key: anyKey })
    expect(kiosk.phase).toBe('queued')
  })

  it('queues by card when someone registered the runner meanwhile', async () => {
    vi.mocked(api.enqueue)
      .mockRejectedValueOnce(new ApiError(404, 'unknown', 'unknown_runner', {}))
      .mockResolvedValueOnce(ticket(1))
    vi.mocked(api.createRunner).mockRejectedValue(new ApiError(409, 'exists', 'already_registered', {}))
    const kiosk = useKioskStore()
    await kiosk.scan('r0999999')
    await kiosk.register(form)
    expect(api.enqueue).toHaveBeenLastCalledWith({ identification: 'r0999999', idempotency_key: anyKey })
    expect(kiosk.phase).toBe('queued')
  })

  it('keeps an untouched form for a minute, and longer while someone types', async () => {
    vi.mocked(api.enqueue).mockRejectedValue(new ApiError(404, 'unknown', 'unknown_runner', {}))
    const kiosk = useKioskStore()
    await kiosk.scan('r0999999')
    vi.advanceTimersByTime(30_000)
    kiosk.activity()
    vi.advanceTimersByTime(59_000)
    expect(kiosk.phase).toBe('register')
    vi.advanceTimersByTime(1_000)
    expect(kiosk.phase).toBe('idle')
  })

  it('sends a scan whose answer did not come again, with the same key', async () => {
    vi.mocked(api.enqueue)
      .mockRejectedValueOnce(offline())
      .mockRejectedValueOnce(new ApiError(503, 'The database is not reachable.', 'database_unavailable', {}))
      .mockResolvedValueOnce(ticket(4))
    const kiosk = useKioskStore()
    const scanning = kiosk.scan('r0123456')
    expect(kiosk.busy).toBe(true)
    await vi.advanceTimersByTimeAsync(RETRY_DELAYS_MS[0] + RETRY_DELAYS_MS[1])
    await scanning
    expect(api.enqueue).toHaveBeenCalledTimes(3)
    const keys = vi.mocked(api.enqueue).mock.calls.map(([body]) => body.idempotency_key)
    expect(new Set(keys).size).toBe(1)
    expect(kiosk.phase).toBe('queued')
    expect(kiosk.message?.params).toEqual({ name: 'Zoë', n: 5 })
  })

  it('gives every scan a key of its own', async () => {
    vi.mocked(api.enqueue).mockResolvedValue(ticket(0))
    const kiosk = useKioskStore()
    await kiosk.scan('r0123456')
    vi.advanceTimersByTime(RESULT_MS)
    await kiosk.scan('r0123456')
    const [first, second] = vi.mocked(api.enqueue).mock.calls.map(([body]) => body.idempotency_key)
    expect(first).not.toBe(second)
  })

  it('does not send again what the server refused', async () => {
    vi.mocked(api.enqueue).mockRejectedValue(
      new ApiError(409, 'Zoë is already in the queue.', 'already_queued', { position: 1 }),
    )
    const kiosk = useKioskStore()
    await kiosk.scan('r0123456')
    expect(api.enqueue).toHaveBeenCalledTimes(1)
    expect(kiosk.message).toMatchObject({ kind: 'warning', key: 'kiosk.msg.alreadyQueued' })
  })

  it('says when the server cannot be reached after the retries', async () => {
    vi.mocked(api.enqueue).mockRejectedValue(offline())
    const kiosk = useKioskStore()
    const scanning = kiosk.scan('r0123456')
    await vi.advanceTimersByTimeAsync(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0))
    await scanning
    expect(api.enqueue).toHaveBeenCalledTimes(RETRY_DELAYS_MS.length + 1)
    expect(kiosk.message).toMatchObject({ kind: 'error', key: 'kiosk.msg.offline' })
  })
})
