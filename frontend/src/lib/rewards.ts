// Milestone rewards as the events change them: pure, so every path is tested without a browser.
import type { RaceEvent, Reward, RewardChange, RewardEvent, RewardPublic } from '@/api/types'

export type RewardMap = Record<number, Reward>

/** The reward events' types (the stream's other events leave rewards alone). */
export const REWARD_EVENTS = new Set<RaceEvent['type']>([
  'reward_due',
  'reward_handed_out',
  'reward_withdrawn',
])

/** A reward event, or null for any other event. */
export function asRewardEvent(event: RaceEvent): RewardEvent | null {
  return REWARD_EVENTS.has(event.type) ? (event as RewardEvent) : null
}

/** A reward from an event over what was known: the event has no `handed_out_by`, keep ours. */
export function merge(known: Reward | undefined, reward: RewardPublic | Reward | RewardChange): Reward {
  const by = 'handed_out_by' in reward ? reward.handed_out_by : known?.handed_out_by
  const { id, runner, milestone, lap, reached_at, handed_out_at, unearned } = reward
  return {
    id,
    runner,
    milestone,
    lap,
    reached_at,
    handed_out_at,
    unearned,
    handed_out_by: handed_out_at ? (by ?? null) : null,
  }
}

/** The rewards after one event: a withdrawn due reward is gone, anything else is upserted by id. */
export function applyRewardEvent(rewards: RewardMap, event: RewardEvent): RewardMap {
  const next = { ...rewards }
  if (event.type === 'reward_withdrawn' && event.deleted) delete next[event.reward.id]
  else next[event.reward.id] = merge(rewards[event.reward.id], event.reward)
  return next
}

const newestFirst = (a: Reward, b: Reward) =>
  Date.parse(b.reached_at) - Date.parse(a.reached_at) || b.id - a.id

/** Everyone with a reward due, newest first. */
export function dueRewards(rewards: RewardMap): Reward[] {
  return Object.values(rewards)
    .filter((r) => !r.handed_out_at)
    .sort(newestFirst)
}

/** Rewards handed out whose lap was taken away (undo, a fix): to be looked into. */
export function unearnedRewards(rewards: RewardMap): Reward[] {
  return Object.values(rewards)
    .filter((r) => r.handed_out_at && r.unearned)
    .sort(newestFirst)
}

/** A reward reached during this page's life (from a reward_due event), with the moment it came. */
export interface RewardNotice {
  reward: Reward
  at: number // local ms: when the event arrived
  withdrawn: boolean // undo took it back
}

export const NOTICES_KEPT = 20
/** How long the kiosk shows a reward just reached. */
export const NOTICE_MS = 10_000

/** The notices after one event: a new due reward on top; later events update (or drop) it. */
export function applyNotice(notices: RewardNotice[], event: RewardEvent, at: number): RewardNotice[] {
  const known = notices.find((n) => n.reward.id === event.reward.id)
  const rest = notices.filter((n) => n.reward.id !== event.reward.id)
  if (event.type === 'reward_due') {
    return [{ reward: merge(known?.reward, event.reward), at, withdrawn: false }, ...rest].slice(
      0,
      NOTICES_KEPT,
    )
  }
  if (!known) return notices
  const updated = {
    ...known,
    reward: merge(known.reward, event.reward),
    withdrawn: event.type === 'reward_withdrawn' && (event.deleted || known.withdrawn),
  }
  return notices.map((n) => (n.reward.id === event.reward.id ? updated : n))
}
