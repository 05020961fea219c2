import { afterEach, describe, expect, it, vi } from 'vitest'

import { load, makePress, newKey, save, settleHead, type Press } from './outbox'

class MemoryStorage {
  data = new Map<string, string>()
  getItem(key: string) {
    return this.data.get(key) ?? null
  }
  setItem(key: string, value: string) {
    this.data.set(key, value)
  }
}

describe('the control outbox', () => {
  it('records a press with a key and its time on the server clock', () => {
    const press = makePress('advance', [], 7, Date.parse('2026-05-06T20:03:00Z'))
    expect(press.key).toMatch(/^[0-9a-f-]{36}$/)
    expect(press.at).toBe('2026-05-06T20:03:00.000Z')
    expect(press).toMatchObject({ kind: 'advance', expectedLap: 7, chained: false, force: false })
  })

  it('chains a press made while others wait: it expects what the one before leaves running', () => {
    const first = makePress('advance', [], 7, 0)
    const second = makePress('advance', [first], 7, 1000)
    expect(second).toMatchObject({ chained: true, expectedLap: null })
    const rest = settleHead([first, second], 8)
    expect(rest).toHaveLength(1)
    expect(rest[0]).toMatchObject({ key: second.key, expectedLap: 8, chained: false })
  })

  it('survives a reload through storage, in order, with the same keys', () => {
    const storage = new MemoryStorage()
    const presses: Press[] = [makePress('advance', [], 1, 0)]
    presses.push(makePress('reverse', presses, 1, 500))
    save(storage, presses)
    expect(load(storage)).toEqual(presses)
  })

  it('starts empty from nothing or from garbage', () => {
    const storage = new MemoryStorage()
    expect(load(storage)).toEqual([])
    storage.setItem('it24u.control.outbox', '{not json')
    expect(load(storage)).toEqual([])
  })
})

describe('idempotency keys', () => {
  afterEach(() => vi.unstubAllGlobals())

  const uuid4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

  it('are version-4 UUIDs, a new one each time', () => {
    const keys = new Set(Array.from({ length: 50 }, newKey))
    expect(keys.size).toBe(50)
    for (const key of keys) expect(key).toMatch(uuid4)
  })

  it('are made also where randomUUID is missing (plain http on a LAN address)', () => {
    vi.stubGlobal('crypto', { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) })
    const keys = new Set(Array.from({ length: 50 }, newKey))
    expect(keys.size).toBe(50)
    for (const key of keys) expect(key).toMatch(uuid4)
  })
})
