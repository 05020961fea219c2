import { describe, expect, it } from 'vitest'

import type { Lap } from '@/api/types'

import {
  CELEBRATION_MS,
  MAX_WAIT_MS,
  celebrationFor,
  celebrationRemaining,
  confetti,
  paceRatio,
  rewardCelebration,
  scheduleCelebrations,
  showing,
  timeLeft,
  type Celebration,
} from './fullscreen'

describe('timeLeft', () => {
  const end = '2026-01-01T12:00:00Z'
  const at = (iso: string) => Date.parse(iso)

  it('is none without an end', () => {
    expect(timeLeft(null, 0)).toEqual({ kind: 'none' })
    expect(timeLeft('', 0)).toEqual({ kind: 'none' })
  })

  it('counts whole seconds down to the end', () => {
    expect(timeLeft(end, at('2026-01-01T11:00:00Z'))).toEqual({ kind: 'running', seconds: 3600 })
    expect(timeLeft(end, at('2026-01-01T11:59:59.500Z'))).toEqual({ kind: 'running', seconds: 1 })
  })

  it('is finished at and after the end', () => {
    expect(timeLeft(end, at(end))).toEqual({ kind: 'finished' })
    expect(timeLeft(end, at('2026-01-01T13:00:00Z'))).toEqual({ kind: 'finished' })
  })
})

describe('paceRatio', () => {
  it('is the share of an average lap, capped at 1', () => {
    expect(paceRatio(60, 120)).toBe(0.5)
    expect(paceRatio(300, 120)).toBe(1)
  })

  it('is null without an average or a running lap', () => {
    expect(paceRatio(60, null)).toBeNull()
    expect(paceRatio(null, 120)).toBeNull()
    expect(paceRatio(60, 0)).toBeNull()
  })
})

function lap(id: number, runner: Lap['runner'], duration: number): Lap {
  return {
    id,
    runner,
    ticket: null,
    start: '2026-01-01T11:00:00Z',
    end: '2026-01-01T11:02:00Z',
    duration,
    points: 3,
    raining: false,
    suspect: false,
  }
}

describe('celebrationFor', () => {
  const ann = { id: 7, first_name: 'Ann', last_name: 'Peeters', university: 1, group: null, first_year: true }

  it('names the runner and the new time', () => {
    expect(celebrationFor({ runner: 7, lap: 2, at: 99 }, [lap(2, ann, 101.5)])).toEqual({
      key: 99,
      name: 'Ann Peeters',
      duration: 101.5,
    })
  })

  it('is null without a best or when the lap is unknown', () => {
    expect(celebrationFor(null, [lap(2, ann, 101)])).toBeNull()
    expect(celebrationFor({ runner: 7, lap: 3, at: 1 }, [lap(2, ann, 101)])).toBeNull()
    expect(celebrationFor({ runner: 7, lap: 2, at: 1 }, [lap(2, null, 101)])).toBeNull()
  })
})

describe('confetti', () => {
  it('is the same for the same seed and stays on screen', () => {
    const a = confetti(40, 3)
    expect(a).toEqual(confetti(40, 3))
    expect(a).toHaveLength(40)
    for (const piece of a) {
      expect(piece.left).toBeGreaterThanOrEqual(0)
      expect(piece.left).toBeLessThanOrEqual(100)
      expect(piece.delay).toBeLessThanOrEqual(1.2)
    }
  })

  it('differs between seeds', () => {
    expect(confetti(5, 1)).not.toEqual(confetti(5, 2))
  })
})

describe('celebrationRemaining', () => {
  it('runs for its length from the moment of the best', () => {
    expect(celebrationRemaining(1000, 1000, 6000)).toBe(6000)
    expect(celebrationRemaining(1000, 5000, 6000)).toBe(2000)
  })

  it('is over afterwards, and never longer than its length (a clock that jumped back)', () => {
    expect(celebrationRemaining(1000, 7000, 6000)).toBe(0)
    expect(celebrationRemaining(9000, 1000, 6000)).toBe(6000)
  })
})

describe('celebrations one after the other', () => {
  const best = (key: number): Celebration => ({ key, name: 'Ann', duration: 90 })
  const lotte = {
    id: 5,
    first_name: 'Lotte',
    last_name: 'Peeters',
    university: 1,
    group: null,
    first_year: false,
  }
  const reward = {
    id: 8,
    runner: lotte,
    milestone: { id: 1, laps: 4, reward: 'T-shirt' },
    lap: 3,
    reached_at: '2026-03-14T01:00:00Z',
    handed_out_at: null,
    unearned: false,
  }

  it('makes a reward reached into a celebration with its milestone', () => {
    expect(rewardCelebration(reward, 1234)).toEqual({
      key: 1234,
      id: 'reward:8',
      kind: 'reward',
      name: 'Lotte Peeters',
      laps: 4,
      reward: 'T-shirt',
    })
  })

  it('shows a milestone after the personal best of the same lap, whatever order they came in', () => {
    const slots = scheduleCelebrations([rewardCelebration(reward, 1000), best(1000)])
    expect(slots.map((s) => [s.celebration.kind ?? 'best', s.start])).toEqual([
      ['best', 1000],
      ['reward', 1000 + CELEBRATION_MS],
    ])
    expect(showing(slots, 1500).slot?.celebration.kind).toBeUndefined()
    expect(showing(slots, 1500).next).toBe(1000 + CELEBRATION_MS)
    expect(showing(slots, 1000 + CELEBRATION_MS).slot?.celebration.kind).toBe('reward')
    expect(showing(slots, 1000 + 2 * CELEBRATION_MS)).toEqual({ slot: null, id: null, next: null })
  })

  it('waits for nothing when the last one is over, and says when the next begins', () => {
    const slots = scheduleCelebrations([best(1000), null, best(20_000)])
    expect(slots.map((s) => s.start)).toEqual([1000, 20_000])
    expect(showing(slots, 10_000)).toEqual({ slot: null, id: null, next: 20_000 })
  })

  it('skips what would wait too long (a burst of rewards after a milestone changed)', () => {
    const burst = Array.from({ length: 20 }, (_, i) => rewardCelebration({ ...reward, id: i }, 1000))
    const slots = scheduleCelebrations(burst)
    expect(slots.length).toBe(Math.floor(MAX_WAIT_MS / CELEBRATION_MS) + 1)
  })
})
