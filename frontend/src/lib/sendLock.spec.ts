import { afterEach, describe, expect, it, vi } from 'vitest'

import { LOCK_NAME, withLease, withSendLock } from './sendLock'

class MemoryStorage {
  data = new Map<string, string>()
  get length() {
    return this.data.size
  }
  key(index: number) {
    return [...this.data.keys()][index] ?? null
  }
  getItem(key: string) {
    return this.data.get(key) ?? null
  }
  setItem(key: string, value: string) {
    this.data.set(key, value)
  }
  removeItem(key: string) {
    this.data.delete(key)
  }
}

const tick = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** A task that notes when it runs, to see whether two ever overlap. */
function recorder() {
  let running = 0
  let most = 0
  const order: string[] = []
  const task = (name: string, ms: number) => async () => {
    running += 1
    most = Math.max(most, running)
    order.push(name)
    await tick(ms)
    running -= 1
    return name
  }
  return { task, order, most: () => most }
}

describe('the lease (browsers without Web Locks)', () => {
  it('lets one tab at a time send, and the other after it', async () => {
    const storage = new MemoryStorage()
    const { task, order, most } = recorder()
    const results = await Promise.all([
      withLease(storage, task('a', 30), { owner: 'tab-a' }),
      withLease(storage, task('b', 30), { owner: 'tab-b' }),
    ])
    expect(results).toEqual(['a', 'b'])
    expect(order).toEqual(['a', 'b'])
    expect(most()).toBe(1)
    expect(storage.getItem('it24u.control.sender')).toBeNull() // released
  })

  it('takes over the lease of a tab that closed while sending, once it runs out', async () => {
    const storage = new MemoryStorage()
    let now = 1_000_000
    storage.setItem('it24u.control.sender', JSON.stringify({ owner: 'closed-tab', until: now + 15_000 }))
    const done = withLease(storage, async () => 'sent', { owner: 'tab-b', now: () => now })
    await tick(150)
    expect(storage.getItem('it24u.control.sender')).toContain('closed-tab') // still waiting
    now += 16_000
    await expect(done).resolves.toBe('sent')
  })

  it('frees the lease when the task fails', async () => {
    const storage = new MemoryStorage()
    await expect(
      withLease(storage, async () => Promise.reject(new Error('boom')), { owner: 'tab-a' }),
    ).rejects.toThrow('boom')
    expect(storage.getItem('it24u.control.sender')).toBeNull()
  })
})

describe('the send lock', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('uses the Web Locks API where the browser has it', async () => {
    const request = vi.fn(async (_name: string, callback: () => Promise<unknown>) => callback())
    vi.stubGlobal('navigator', { locks: { request } })
    await expect(withSendLock(async () => 'sent')).resolves.toBe('sent')
    expect(request).toHaveBeenCalledWith(LOCK_NAME, expect.any(Function))
  })

  it('runs the tasks of one tab one after the other without it', async () => {
    vi.stubGlobal('navigator', {})
    const storage = new MemoryStorage()
    const { task, order, most } = recorder()
    await Promise.all([withSendLock(task('first', 20), storage), withSendLock(task('second', 0), storage)])
    expect(order).toEqual(['first', 'second'])
    expect(most()).toBe(1)
  })
})
