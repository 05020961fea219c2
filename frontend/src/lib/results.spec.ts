import { describe, expect, it } from 'vitest'

import { sampleResults } from '@/test/results'

import { BOARDS, formatMoment, resultTables } from './results'

const results = sampleResults()

describe('resultTables', () => {
  it('gives every board, then the groups, in the printed order', () => {
    const tables = resultTables(results)
    expect(tables.map((t) => t.key)).toEqual([...BOARDS.map((b) => b.key), 'groups'])
  })

  it('writes places, names, groups and the number of each board', () => {
    const [fastest, laps] = resultTables(results)
    expect(fastest.rows.map((r) => r.cells)).toEqual([
      ['1', 'Ann Test', 'Red', '1:23.4'],
      ['2', 'Bob Test', '', '1:30.0'],
    ])
    expect(laps.columns.map((c) => c.label)).toEqual(['rank', 'runner', 'group', 'laps'])
    expect(laps.rows.map((r) => r.cells[0])).toEqual(['1', '1']) // a shared place
    expect(laps.rows[0].cells[3]).toBe('1,200')
  })

  it('writes numbers for the language shown', () => {
    const groups = resultTables(results, 'nl').at(-1)!
    expect(groups.rows[0].cells).toEqual(['1', 'Red', '5.678', '1.200', '1'])
  })

  it('keeps an empty board, to say that nobody is on it', () => {
    expect(resultTables(results).find((t) => t.key === 'night_rain')?.rows).toEqual([])
  })
})

describe('formatMoment', () => {
  it('writes a moment in the event time zone', () => {
    expect(formatMoment('2026-11-30T13:05:00Z', 'Europe/Brussels', 'en-GB')).toBe('30 Nov 2026, 14:05')
  })

  it('falls back to the device zone for an unknown zone, and a dash for nothing', () => {
    expect(formatMoment('2026-11-30T13:05:00Z', 'Nowhere/Else')).toMatch(/2026/)
    expect(formatMoment(null)).toBe('–')
  })
})
