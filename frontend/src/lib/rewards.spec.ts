import { describe, expect, it } from 'vitest'

import type { Reward, RewardEvent, RewardPublic } from '@/api/types'

import {
  applyNotice,
  applyRewardEvent,
  asRewardEvent,
  dueRewards,
  merge,
  NOTICES_KEPT,
  unearnedRewards,
  type RewardMap,
} from './rewards'

const lotte = {
  id: 5,
  first_name: 'Lotte',
  last_name: 'Peeters',
  university: 1,
  group: null,
  first_year: false,
}

const reward = (id: number, reached: string, extra: Partial<Reward> = {}): Reward => ({
  id,
  runner: lotte,
  milestone: { id: 1, laps: 4, reward: 'T-shirt' },
  lap: 100 + id,
  reached_at: reached,
  handed_out_at: null,
  handed_out_by: null,
  unearned: false,
  ...extra,
})
// What the stream carries: no handed_out_by.
const pub = (reward: Reward): RewardPublic => {
  const copy: Partial<Reward> = { ...reward }
  delete copy.handed_out_by
  return copy as RewardPublic
}
const due = (r: Reward, seq = 1): RewardEvent => ({ type: 'reward_due', seq, reward: pub(r) })
const handed = (r: Reward, seq = 2): RewardEvent => ({ type: 'reward_handed_out', seq, reward: pub(r) })
const withdrawn = (r: Reward, deleted: boolean, seq = 3): RewardEvent => ({
  type: 'reward_withdrawn',
  seq,
  reward: pub(r),
  deleted,
})
const map = (...rewards: Reward[]): RewardMap => Object.fromEntries(rewards.map((r) => [r.id, r]))

describe('rewards from events', () => {
  it('tells reward events from the others', () => {
    expect(asRewardEvent(due(reward(1, '2026-03-14T01:00:00Z')))?.type).toBe('reward_due')
    expect(asRewardEvent({ type: 'queue_reset', seq: 1, removed: 0 })).toBeNull()
  })

  it('adds a due reward, marks it handed out, and keeps who handed it out from the list', () => {
    const r = reward(1, '2026-03-14T01:00:00Z')
    let rewards = applyRewardEvent({}, due(r))
    expect(dueRewards(rewards).map((x) => x.id)).toEqual([1])
    const out = { ...r, handed_out_at: '2026-03-14T01:05:00Z', handed_out_by: 'admin' }
    rewards = map(out)
    rewards = applyRewardEvent(rewards, handed(out)) // the event again, without the name
    expect(rewards[1].handed_out_by).toBe('admin')
    expect(dueRewards(rewards)).toEqual([])
  })

  it('drops a due reward that undo took back, and flags a handed-out one as unearned', () => {
    const a = reward(1, '2026-03-14T01:00:00Z')
    const b = reward(2, '2026-03-14T01:10:00Z', {
      handed_out_at: '2026-03-14T01:20:00Z',
      handed_out_by: 'admin',
    })
    let rewards = map(a, b)
    rewards = applyRewardEvent(rewards, withdrawn(a, true))
    expect(rewards[1]).toBeUndefined()
    rewards = applyRewardEvent(rewards, withdrawn({ ...b, unearned: true }, false))
    expect(unearnedRewards(rewards).map((r) => [r.id, r.handed_out_by])).toEqual([[2, 'admin']])
  })

  it('lists the due rewards newest first', () => {
    const rewards = map(
      reward(1, '2026-03-14T01:00:00Z'),
      reward(2, '2026-03-14T03:00:00Z'),
      reward(3, '2026-03-14T02:00:00Z'),
      reward(4, '2026-03-14T04:00:00Z', { handed_out_at: '2026-03-14T04:01:00Z' }),
    )
    expect(dueRewards(rewards).map((r) => r.id)).toEqual([2, 3, 1])
  })

  it('merges a reward without who handed it out', () => {
    const r = reward(1, '2026-03-14T01:00:00Z')
    expect(merge(undefined, pub(r)).handed_out_by).toBeNull()
    expect(merge(undefined, { ...r, seq: 4 } as Reward)).toEqual(r) // the hand-out answer's seq goes
  })
})

describe('the notices of rewards just reached', () => {
  const r = reward(1, '2026-03-14T01:00:00Z')

  it('puts a new reward on top, and follows its hand-out and its undo', () => {
    let notices = applyNotice([], due(reward(2, '2026-03-14T00:00:00Z')), 500)
    notices = applyNotice(notices, due(r), 1000)
    expect(notices.map((n) => [n.reward.id, n.at])).toEqual([
      [1, 1000],
      [2, 500],
    ])
    notices = applyNotice(notices, handed({ ...r, handed_out_at: '2026-03-14T01:01:00Z' }), 2000)
    expect(notices[0].reward.handed_out_at).toBe('2026-03-14T01:01:00Z')
    expect(notices[0].at).toBe(1000) // still the moment it was reached
    notices = applyNotice(notices, withdrawn(reward(2, '2026-03-14T00:00:00Z'), true), 3000)
    expect(notices[1].withdrawn).toBe(true)
  })

  it('ignores events of rewards it never showed, and keeps a few', () => {
    expect(applyNotice([], handed(r), 1)).toEqual([])
    let notices = applyNotice([], due(r), 0)
    for (let i = 2; i < NOTICES_KEPT + 5; i++)
      notices = applyNotice(notices, due(reward(i, '2026-03-14T00:00:00Z')), i)
    expect(notices).toHaveLength(NOTICES_KEPT)
  })
})
