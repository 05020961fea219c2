import { describe, expect, it } from 'vitest'

import { elapsedSince, formatDuration, runnerName } from './format'

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [59.9, '0:59'],
    [83.4, '1:23'],
    [600, '10:00'],
    [3725, '1:02:05'],
  ])('%s s is %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text))

  it('shows tenths when asked', () => expect(formatDuration(83.46, true)).toBe('1:23.4'))
  it('shows a dash for nothing', () => {
    expect(formatDuration(null)).toBe('–')
    expect(formatDuration(Number.NaN)).toBe('–')
  })
})

describe('elapsedSince', () => {
  it('counts from a start on the server clock, never below zero', () => {
    const start = '2026-05-06T20:00:00Z'
    expect(elapsedSince(start, Date.parse(start) + 95_500)).toBe(95.5)
    expect(elapsedSince(start, Date.parse(start) - 1000)).toBe(0)
    expect(elapsedSince(null, 0)).toBeNull()
  })
})

it('names a runner', () => {
  expect(runnerName({ first_name: 'Ada', last_name: 'Peeters' })).toBe('Ada Peeters')
  expect(runnerName(null)).toBe('')
})
