import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '@/api/http'
import { FORM_IDLE_MS, RESULT_MS, RETRY_DELAYS_MS } from '@/lib/kiosk'

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
const { STORAGE_KEY, useKioskStore } = await import('./kiosk')

const runner = {
  id: 5,
  first_name: 'Zoë',
  last_name: "D'Hondt",
  university: 1,
  group: null,
  first_year: true,
}
const ticket = (position: number) => ({
  id: 50,
  runner,
  position,
  created_at: '',
  seq: 3,
  check_ins: [],
  rewards_due: [],
})
const anyKey = expect.stringMatching(/^[0-9a-f-]{36}$/)
const offline = () => new ApiError(0, 'No connection to the server.', 'offline', {})
const form = { first_name: 'Zoë', last_name: "D'Hondt", university: 1, group: null, first_year: true }

describe('the kiosk store', () => {
  beforeEach(() => {
    sessionStorage.clear()
    setActivePinia(createPinia())
    vi.clearAllMocks()
    vi.useFakeTimers()
    vi.mocked(api.universities).mockResolvedValue({ count: 1, next: null, previous: null, results: [] })
    vi.mocked(api.groups).mockResolvedValue({ count: 0, next: null, previous: null, results: [] })
    vi.mocked(api.summary).mockRejectedValue(new Error('not needed'))
  })
  afterEach(() => vi.useRealTimers())

  it('queues the scan, normalised, and goes back to scanning by itself', async () => {
    vi.mocked(api.enqueue).mockResolvedValue(ticket(2))
    const kiosk = useKioskStore()
    await kiosk.scan(' R 0123456\n')
    expect(api.enqueue).toHaveBeenCalledWith({ identification: 'r0123456', idempotency_key: anyKey })
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

describe('the kiosk after a reload', () => {
  const unknown = () => new ApiError(404, 'No runner has student ID r0999002 yet.', 'unknown_runner', {})
  const saved = () => JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null')
  /** The page reloads: a new app (a new Pinia) in the same tab (the same sessionStorage). */
  const reload = () => {
    setActivePinia(createPinia())
    return useKioskStore()
  }

  beforeEach(() => {
    sessionStorage.clear()
    setActivePinia(createPinia())
    vi.clearAllMocks()
    vi.useFakeTimers()
    vi.mocked(api.universities).mockResolvedValue({ count: 0, next: null, previous: null, results: [] })
    vi.mocked(api.groups).mockResolvedValue({ count: 0, next: null, previous: null, results: [] })
    vi.mocked(api.summary).mockRejectedValue(new Error('not needed'))
  })
  afterEach(() => vi.useRealTimers())

  async function halfFilled() {
    vi.mocked(api.enqueue).mockRejectedValueOnce(unknown())
    const kiosk = useKioskStore()
    await kiosk.scan('R 0999002')
    kiosk.edit({ ...form, last_name: '', first_year: false })
    return kiosk
  }

  it('comes back to the same form with what was typed', async () => {
    await halfFilled()
    vi.advanceTimersByTime(5_000)
    const kiosk = reload()
    expect(kiosk.phase).toBe('register')
    expect(kiosk.state.identification).toBe('r0999002')
    expect(kiosk.draft).toEqual({ ...form, last_name: '', first_year: false })
    expect(api.universities).toHaveBeenCalled() // the form's lists are loaded again
  })

  it('keeps the server’s errors over a reload, until their field changes', async () => {
    const kiosk = await halfFilled()
    vi.mocked(api.createRunner).mockRejectedValue(
      new ApiError(400, 'last_name: too long', 'invalid', { errors: { last_name: ['Too long.'] } }),
    )
    await kiosk.register({ ...form, last_name: 'P'.repeat(120) })
    const again = reload()
    expect(again.state.fieldErrors).toEqual({ last_name: ['Too long.'] })
    again.edit({ ...again.draft!, last_name: 'Peeters' })
    expect(again.state.fieldErrors).toEqual({})
    expect(saved().state.fieldErrors).toEqual({})
  })

  it('times a restored form out when it would have timed out anyway', async () => {
    await halfFilled()
    vi.advanceTimersByTime(FORM_IDLE_MS - 1_000)
    const kiosk = reload()
    expect(kiosk.phase).toBe('register')
    vi.advanceTimersByTime(1_000)
    expect(kiosk.phase).toBe('idle')
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull()
  })

  it('starts from scanning when the form timed out while the page was away', async () => {
    await halfFilled()
    const later = Date.now() + FORM_IDLE_MS
    vi.setSystemTime(later)
    expect(reload().phase).toBe('idle')
  })

  it('keeps nothing of the form once it was cancelled', async () => {
    const kiosk = await halfFilled()
    kiosk.reset()
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull()
    expect(reload().phase).toBe('idle')
  })

  it('keeps nothing of the form once it was submitted, and the result only until its time is up', async () => {
    const kiosk = await halfFilled()
    vi.mocked(api.createRunner).mockResolvedValue({ id: 5 } as never)
    vi.mocked(api.enqueue).mockResolvedValueOnce(ticket(0))
    await kiosk.register(form)
    expect(kiosk.phase).toBe('queued')
    expect(saved().draft).toBeNull()
    vi.mocked(api.summary).mockResolvedValue({ runner } as never)
    const again = reload()
    expect(again.phase).toBe('queued')
    await vi.advanceTimersByTimeAsync(0)
    expect(api.summary).toHaveBeenCalledWith(5) // the quick information comes again
    expect(again.summary).toEqual({ runner })
    vi.advanceTimersByTime(RESULT_MS)
    expect(again.phase).toBe('idle')
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull()
  })

  it('forgets everything on logout, also an answer still on its way', async () => {
    const kiosk = await halfFilled()
    let answer: (value: never) => void = () => undefined
    vi.mocked(api.createRunner).mockReturnValue(new Promise((resolve) => (answer = resolve)))
    const registering = kiosk.register(form)
    kiosk.forget()
    expect(kiosk.phase).toBe('idle')
    expect(kiosk.draft).toBeNull()
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull()
    vi.mocked(api.enqueue).mockResolvedValueOnce(ticket(0))
    answer({ id: 5 } as never)
    await registering
    expect(kiosk.phase).toBe('idle')
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull()
    expect(reload().phase).toBe('idle')
  })

  it('starts from scanning when the saved state cannot be read', () => {
    sessionStorage.setItem(STORAGE_KEY, '{not json')
    expect(reload().phase).toBe('idle')
  })
})
