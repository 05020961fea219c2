import { afterEach, describe, expect, it, vi } from 'vitest'

import { isOutboxKey, load, makePress, migrateLegacy, newKey, put, settle, type Press } from './outbox'

/** localStorage as two tabs of one browser share it. */
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

describe('the control outbox', () => {
  it('records a press with a key and its time on the server clock', () => {
    const press = makePress('advance', [], 7, Date.parse('2026-05-06T20:03:00Z'))
    expect(press.key).toMatch(/^[0-9a-f-]{36}$/)
    expect(press.at).toBe('2026-05-06T20:03:00.000Z')
    expect(press).toMatchObject({ kind: 'advance', expectedLap: 7, chained: false, force: false })
  })

  it('chains a press made while others wait: it expects what the one before leaves running', () => {
    const storage = new MemoryStorage()
    const first = makePress('advance', [], 7, 0)
    put(storage, first)
    const second = makePress('advance', load(storage), 7, 1000)
    put(storage, second)
    expect(second).toMatchObject({ chained: true, expectedLap: null })
    const rest = settle(storage, first.key, 8)
    expect(rest).toHaveLength(1)
    expect(rest[0]).toMatchObject({ key: second.key, expectedLap: 8, chained: false })
    expect(load(storage)).toEqual(rest) // and so it is stored, for whichever tab sends it
  })

  it('survives a reload through storage, in order, with the same keys', () => {
    const storage = new MemoryStorage()
    put(storage, makePress('advance', [], 1, 0))
    put(storage, makePress('reverse', load(storage), 1, 500))
    const presses = load(storage)
    expect(presses.map((p) => p.kind)).toEqual(['advance', 'reverse'])
    expect(load(storage)).toEqual(presses)
  })

  it('starts empty from nothing and skips a damaged record', () => {
    const storage = new MemoryStorage()
    expect(load(storage)).toEqual([])
    storage.setItem('it24u.control.press.x', '{not json')
    storage.setItem('it24u.control.press.y', '{"key": 1}')
    storage.setItem('it24u.locale', 'nl')
    expect(load(storage)).toEqual([])
  })
})

describe('the outbox shared by two tabs', () => {
  // Each tab writes only its own presses; neither ever rewrites the list the other one read.
  it('keeps the presses of both tabs, in the order they were pressed', () => {
    const storage = new MemoryStorage()
    const seenByA = load(storage) // both tabs read an empty outbox...
    const seenByB = load(storage)
    const b = makePress('advance', seenByB, 7, 2000)
    const a = makePress('advance', seenByA, 7, 1000)
    put(storage, b) // ...and write their press, B first
    put(storage, a)
    expect(load(storage).map((p) => p.key)).toEqual([a.key, b.key])
  })

  it('chains a press to the presses another tab still holds', () => {
    const storage = new MemoryStorage()
    const a = makePress('advance', load(storage), 7, 1000)
    put(storage, a)
    const b = makePress('advance', load(storage), 7, 2000) // tab B reads the outbox afresh
    expect(b).toMatchObject({ chained: true, expectedLap: null })
  })

  it('settles only the answered press: one made meanwhile by the other tab stays', () => {
    const storage = new MemoryStorage()
    const a = makePress('advance', [], 7, 1000)
    put(storage, a)
    const b = makePress('advance', load(storage), 7, 2000)
    put(storage, b) // while tab A's press was on its way
    expect(settle(storage, a.key, 8)).toEqual([{ ...b, expectedLap: 8, chained: false }])
    expect(settle(storage, b.key, 9)).toEqual([])
  })

  it('a press sorts by press time, then by the order one tab made them', () => {
    const storage = new MemoryStorage()
    const first = { ...makePress('advance', [], 7, 1000), createdAt: 5 }
    const second = { ...makePress('reverse', [first], 7, 1000), createdAt: 6 }
    put(storage, second)
    put(storage, first)
    expect(load(storage).map((p) => p.key)).toEqual([first.key, second.key])
  })

  it('turns the list kept by the version before into records of their own', () => {
    const storage = new MemoryStorage()
    const presses: Press[] = [makePress('advance', [], 1, 0)]
    presses.push(makePress('advance', presses, 1, 500))
    storage.setItem('it24u.control.outbox', JSON.stringify(presses))
    migrateLegacy(storage)
    expect(load(storage)).toEqual(presses)
    expect(storage.getItem('it24u.control.outbox')).toBeNull()
    migrateLegacy(storage) // the other tab, a moment later: nothing more, nothing lost
    expect(load(storage)).toEqual(presses)
  })

  it('knows which storage changes belong to the outbox', () => {
    expect(isOutboxKey(`it24u.control.press.${newKey()}`)).toBe(true)
    expect(isOutboxKey('it24u.control.refusal')).toBe(true)
    expect(isOutboxKey(null)).toBe(true) // storage cleared
    expect(isOutboxKey('it24u.locale')).toBe(false)
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
