import { describe, expect, it } from 'vitest'

import type { Lap } from '@/api/types'
import type { Press } from '@/lib/outbox'

import {
  createPressGate,
  formatOffset,
  formatTimeOfDay,
  isShortcutKey,
  keyAction,
  queueWarning,
  runnerMayBeLost,
  tooSoonSeconds,
  type KeyInput,
} from './control'

function key(k: string, extra: Partial<KeyInput> = {}): KeyInput {
  return {
    key: k,
    repeat: false,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    target: document.body,
    ...extra,
  }
}

describe('keyAction', () => {
  it('maps Space and N to next lap, U and Backspace to undo', () => {
    expect(keyAction(key(' '))).toBe('advance')
    expect(keyAction(key('n'))).toBe('advance')
    expect(keyAction(key('N'))).toBe('advance')
    expect(keyAction(key('u'))).toBe('undo')
    expect(keyAction(key('U'))).toBe('undo')
    expect(keyAction(key('Backspace'))).toBe('undo')
  })

  it('ignores other keys', () => {
    expect(keyAction(key('Enter'))).toBeNull()
    expect(keyAction(key('a'))).toBeNull()
  })

  it('ignores a held key that repeats', () => {
    expect(keyAction(key(' ', { repeat: true }))).toBeNull()
    expect(keyAction(key('u', { repeat: true }))).toBeNull()
  })

  it('ignores keys typed into a text field', () => {
    for (const tag of ['input', 'textarea', 'select']) {
      const target = document.createElement(tag)
      expect(keyAction(key('n', { target }))).toBeNull()
      expect(keyAction(key('Backspace', { target }))).toBeNull()
      expect(isShortcutKey(key('Backspace', { target }))).toBe(false)
    }
  })

  it('ignores keys in editable content', () => {
    const target = document.createElement('div')
    Object.defineProperty(target, 'isContentEditable', { value: true })
    expect(keyAction(key(' ', { target }))).toBeNull()
  })

  it('leaves browser shortcuts with modifiers alone', () => {
    expect(keyAction(key('n', { ctrlKey: true }))).toBeNull()
    expect(keyAction(key('u', { metaKey: true }))).toBeNull()
    expect(keyAction(key('Backspace', { altKey: true }))).toBeNull()
  })

  it('still claims a repeated shortcut key, so a held Space does not scroll', () => {
    expect(isShortcutKey(key(' ', { repeat: true }))).toBe(true)
    expect(isShortcutKey(key('a'))).toBe(false)
  })

  it('works on a focused button', () => {
    expect(keyAction(key(' ', { target: document.createElement('button') }))).toBe('advance')
  })
})

describe('shortcuts after clicking a switch or a button', () => {
  it('press next lap and undo instead of toggling or clicking what has focus', () => {
    for (const type of ['checkbox', 'radio', 'button', 'range']) {
      const target = Object.assign(document.createElement('input'), { type })
      expect(keyAction(key(' ', { target }))).toBe('advance')
      expect(keyAction(key('u', { target }))).toBe('undo')
      expect(isShortcutKey(key(' ', { target }))).toBe(true)
    }
  })

  it('leave text fields alone, whatever their type', () => {
    for (const type of ['text', 'search', 'number', 'email', 'password', 'time']) {
      const target = Object.assign(document.createElement('input'), { type })
      expect(keyAction(key(' ', { target }))).toBeNull()
    }
  })
})

describe('createPressGate', () => {
  it('counts a double click as one press', () => {
    const gate = createPressGate(300)
    expect(gate('advance', 1000)).toBe(true)
    expect(gate('advance', 1150)).toBe(false)
    expect(gate('advance', 1299)).toBe(false)
  })

  it('keeps two deliberate presses as two', () => {
    const gate = createPressGate(300)
    expect(gate('advance', 1000)).toBe(true)
    expect(gate('advance', 1300)).toBe(true)
    expect(gate('advance', 2000)).toBe(true)
  })

  it('measures from the last accepted press, so a fast triple click is one press too', () => {
    const gate = createPressGate(300)
    expect(gate('advance', 0)).toBe(true)
    expect(gate('advance', 120)).toBe(false)
    expect(gate('advance', 240)).toBe(false)
    expect(gate('advance', 310)).toBe(true)
  })

  it('keeps kinds apart', () => {
    const gate = createPressGate(300)
    expect(gate('advance', 0)).toBe(true)
    expect(gate('undo', 50)).toBe(true)
  })
})

describe('queueWarning', () => {
  it('warns when fewer than three wait and louder when none', () => {
    expect(queueWarning(0)).toBe('empty')
    expect(queueWarning(1)).toBe('low')
    expect(queueWarning(2)).toBe('low')
    expect(queueWarning(3)).toBeNull()
    expect(queueWarning(30)).toBeNull()
  })
})

describe('runnerMayBeLost', () => {
  it('warns past twice the average lap', () => {
    expect(runnerMayBeLost(241, 120)).toBe(true)
    expect(runnerMayBeLost(240, 120)).toBe(false)
    expect(runnerMayBeLost(100, 120)).toBe(false)
  })

  it('says nothing without an average or a running lap', () => {
    expect(runnerMayBeLost(1000, null)).toBe(false)
    expect(runnerMayBeLost(1000, 0)).toBe(false)
    expect(runnerMayBeLost(null, 120)).toBe(false)
  })

  it('takes another factor', () => {
    expect(runnerMayBeLost(181, 120, 1.5)).toBe(true)
  })
})

describe('too soon', () => {
  const press: Press = {
    key: 'k',
    kind: 'advance',
    at: '2026-05-01T12:00:12.300Z',
    expectedLap: 7,
    chained: false,
    force: false,
    createdAt: 0,
  }
  const lap = { id: 7, start: '2026-05-01T12:00:00Z' } as Lap

  it('measures the refused lap from its start to the press', () => {
    expect(tooSoonSeconds(press, lap)).toBe(12.3)
  })

  it('does not guess when the screen shows another lap', () => {
    expect(tooSoonSeconds(press, { ...lap, id: 8 })).toBeNull()
    expect(tooSoonSeconds(press, null)).toBeNull()
  })
})

describe('formatting', () => {
  it('shows the clock offset in ms or s with a sign', () => {
    expect(formatOffset(120.4)).toBe('+120 ms')
    expect(formatOffset(-35)).toBe('−35 ms')
    expect(formatOffset(1460)).toBe('+1.5 s')
    expect(formatOffset(0)).toBe('+0 ms')
  })

  it('shows press times with seconds in the event time zone', () => {
    expect(formatTimeOfDay('2026-05-01T12:00:05Z', 'Europe/Brussels', 'en-GB')).toBe('14:00:05')
    expect(formatTimeOfDay(null)).toBe('–')
  })

  it('survives an unknown time zone', () => {
    expect(formatTimeOfDay('2026-05-01T12:00:05Z', 'Not/AZone', 'en-GB')).toMatch(/\d\d:00:05/)
  })
})
