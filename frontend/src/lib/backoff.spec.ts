import { describe, expect, it } from 'vitest'

import { BASE_MS, MAX_MS, reconnectDelay } from './backoff'

describe('reconnectDelay', () => {
  it('is a random time up to a ceiling that doubles per attempt', () => {
    expect(reconnectDelay(0, () => 0.999)).toBe(Math.floor(0.999 * BASE_MS))
    expect(reconnectDelay(1, () => 0.5)).toBe(BASE_MS)
    expect(reconnectDelay(2, () => 0.25)).toBe(Math.min(MAX_MS, 4 * BASE_MS) / 4)
    expect(reconnectDelay(3, () => 0)).toBe(0)
  })

  it('never waits longer than the maximum, so a screen is back within it once the server is', () => {
    expect(reconnectDelay(30, () => 0.999999)).toBeLessThan(MAX_MS)
    expect(reconnectDelay(1000, () => 0.5)).toBe(MAX_MS / 2)
    expect(MAX_MS).toBeLessThanOrEqual(5000)
  })

  it('spreads a thousand screens over the whole first ceiling instead of one instant', () => {
    const delays = Array.from({ length: 1000 }, () => reconnectDelay(0))
    const tenths = BASE_MS / 100
    const buckets = new Set(delays.map((d) => Math.floor(d / 100)))
    expect(buckets.size).toBe(tenths) // every tenth of a second of it gets some
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(0.8 * BASE_MS)
  })
})
