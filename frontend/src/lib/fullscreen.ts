// The projector page's pure logic: time left, pace, the celebrations (personal bests, milestone
// rewards) one after the other, and their confetti.
import type { Lap, RewardPublic } from '@/api/types'

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
  key: number // when it happened (local ms): a new one starts the show
  id?: string // what it celebrates ('best:<lap>', 'reward:<id>'): tells two of the same moment apart
  kind?: 'best' | 'reward' // default: a personal best
  name: string
  duration?: number | null // a personal best's time
  laps?: number // a reward's milestone
  reward?: string
}

/** What to celebrate for the store's latest personal best: the runner's name and the new time. */
export function celebrationFor(best: PersonalBest | null | undefined, laps: Lap[]): Celebration | null {
  if (!best) return null
  const lap = laps.find((l) => l.id === best.lap)
  if (!lap?.runner) return null
  return { key: best.at, name: runnerName(lap.runner), duration: lap.duration }
}

/** A milestone reached (a reward_due event that came at `at`), to celebrate. */
export function rewardCelebration(reward: RewardPublic, at: number): Celebration {
  return {
    key: at,
    id: `reward:${reward.id}`,
    kind: 'reward',
    name: runnerName(reward.runner),
    laps: reward.milestone.laps,
    reward: reward.milestone.reward,
  }
}

/** The longest a celebration waits for the ones before it; later than that, it is skipped. */
export const MAX_WAIT_MS = 30_000

export interface Slot {
  celebration: Celebration
  start: number // local ms: when it shows
}

const idOf = (c: Celebration) => c.id ?? `best:${c.key}`

/**
 * Celebrations one after the other: one that comes while another shows waits for it to end (a
 * personal best and a milestone of the same lap both get their seconds), in the order they came.
 */
export function scheduleCelebrations(
  list: (Celebration | null)[],
  length = CELEBRATION_MS,
  maxWait = MAX_WAIT_MS,
): Slot[] {
  const sorted = list
    .filter((c): c is Celebration => c !== null)
    .sort((a, b) => a.key - b.key || (a.kind === 'reward' ? 1 : 0) - (b.kind === 'reward' ? 1 : 0))
  let free = -Infinity
  const slots: Slot[] = []
  for (const celebration of sorted) {
    const start = Math.max(celebration.key, free)
    if (start - celebration.key > maxWait) continue // a burst (a milestone changed): not minutes of banners
    slots.push({ celebration, start })
    free = start + length
  }
  return slots
}

/** The slot on screen at `now` (or null), and when that changes next (null: never). */
export function showing(
  slots: Slot[],
  now: number,
  length = CELEBRATION_MS,
): { slot: Slot | null; id: string | null; next: number | null } {
  const slot = slots.find((s) => s.start <= now && now < s.start + length) ?? null
  const upcoming = slots.find((s) => s.start > now)
  const next = slot ? slot.start + length : (upcoming?.start ?? null)
  return { slot, id: slot ? `${idOf(slot.celebration)}@${slot.start}` : null, next }
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
