// The projector page's pure logic: time left, pace, the personal-best celebration and its confetti.
import type { Lap } from '@/api/types'

import { runnerName } from './format'

export type TimeLeft = { kind: 'none' } | { kind: 'running'; seconds: number } | { kind: 'finished' }

/** Seconds until the race ends on the server's clock; none without an end, finished once past it. */
export function timeLeft(raceEnd: string | null | undefined, serverNow: number): TimeLeft {
  const end = raceEnd ? Date.parse(raceEnd) : NaN
  if (!Number.isFinite(end)) return { kind: 'none' }
  const seconds = (end - serverNow) / 1000
  // Whole seconds counted down, so 0:00:00 is the moment it ends and not a second before.
  return seconds > 0 ? { kind: 'running', seconds: Math.ceil(seconds) } : { kind: 'finished' }
}

/** How far the running lap is through an average lap: 0..1, null without an average. */
export function paceRatio(elapsed: number | null, average: number | null | undefined): number | null {
  if (elapsed === null || !average || average <= 0) return null
  return Math.min(1, Math.max(0, elapsed / average))
}

export interface PersonalBest {
  runner: number
  lap: number
  at: number
}

export interface Celebration {
  key: number // changes with every new personal best, to restart the animation
  name: string
  duration: number | null
}

/** What to celebrate for the store's latest personal best: the runner's name and the new time. */
export function celebrationFor(best: PersonalBest | null | undefined, laps: Lap[]): Celebration | null {
  if (!best) return null
  const lap = laps.find((l) => l.id === best.lap)
  if (!lap?.runner) return null
  return { key: best.at, name: runnerName(lap.runner), duration: lap.duration }
}

export interface ConfettiPiece {
  left: number // % of the width
  delay: number // s
  fall: number // s
  drift: number // vw, sideways over the fall
  spin: number // deg
  size: number // vmin
  color: string
}

const COLORS = ['#ffb020', '#58a6ff', '#3fb950', '#f85149', '#d2a8ff', '#ffffff']

/** A deterministic shower of confetti (same seed, same shower), so it renders the same in tests. */
export function confetti(count: number, seed = 1): ConfettiPiece[] {
  let s = seed >>> 0 || 1
  const random = () => {
    // xorshift32: small, fast and good enough for where a paper strip falls
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 4294967296
  }
  return Array.from({ length: count }, (_, i) => ({
    left: Math.round(random() * 1000) / 10,
    delay: Math.round(random() * 120) / 100,
    fall: 2.4 + Math.round(random() * 160) / 100,
    drift: Math.round((random() - 0.5) * 200) / 10,
    spin: Math.round(360 + random() * 720),
    size: 0.8 + Math.round(random() * 10) / 10,
    color: COLORS[i % COLORS.length],
  }))
}

export const CELEBRATION_MS = 6000

/** How long a celebration that began at `at` (local ms) still shows; 0 when it is over. */
export function celebrationRemaining(at: number, now: number, length = CELEBRATION_MS): number {
  const left = at + length - now
  return left > 0 ? Math.min(left, length) : 0
}
