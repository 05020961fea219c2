import { describe, expect, it } from 'vitest'

import { addSample, estimateOffset, msToNextSecond } from './clock'

describe('estimateOffset', () => {
  it('takes the sample with the lowest round trip and its midpoint', () => {
    const samples = [
      { sentAt: 1000, receivedAt: 1400, serverTime: 6300 }, // slow: 400 ms
      { sentAt: 2000, receivedAt: 2020, serverTime: 7010 }, // fast: server read its clock at ~2010
    ]
    expect(estimateOffset(samples)).toEqual({ offset: 5000, roundTrip: 20 })
  })

  it('has no estimate without samples and ignores impossible ones', () => {
    expect(estimateOffset([])).toBeNull()
    expect(estimateOffset([{ sentAt: 10, receivedAt: 5, serverTime: 0 }])).toBeNull()
  })

  it('keeps only the freshest samples', () => {
    let samples = [] as ReturnType<typeof addSample>
    for (let i = 0; i < 12; i++)
      samples = addSample(samples, { sentAt: i, receivedAt: i + 1, serverTime: i }, 8)
    expect(samples).toHaveLength(8)
    expect(samples[0].sentAt).toBe(4)
  })
})

describe('msToNextSecond', () => {
  it('waits until the server clock turns the next whole second', () => {
    expect(msToNextSecond(12_345_250)).toBe(750)
    expect(msToNextSecond(12_345_999)).toBe(1)
    expect(msToNextSecond(12_345_000)).toBe(1000) // just turned: the next one
    expect(msToNextSecond(-250)).toBe(250)
  })
})
